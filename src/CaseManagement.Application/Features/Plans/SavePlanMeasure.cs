using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Plans;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Plans;

/// <summary>
/// Adds a measure (tiltak) under a goal, or changes one (<paramref name="MeasureId"/> given): scope, responsible
/// service and person, period, status, how it is carried out. A participant edits only the measures they are
/// responsible for; the team edits all. A measure can come from a responsibility-group agreement.
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record SavePlanMeasure(
    Guid PlanId,
    Guid GoalId,
    string Description,
    Guid ResponsibleParticipantId,
    string ResponsiblePerson,
    DateOnly StartOn,
    DateOnly EndOn,
    MeasureStatus Status = MeasureStatus.Planned,
    string? Scope = null,
    string? HowCarriedOut = null,
    Guid? FromAgreementId = null,
    Guid? MeasureId = null) : ICommand<PlanMeasureSaved>;

public sealed record PlanMeasureSaved(Guid Id);

internal sealed class SavePlanMeasureValidator : AbstractValidator<SavePlanMeasure>
{
    public SavePlanMeasureValidator()
    {
        RuleFor(x => x.PlanId).NotEmpty();
        RuleFor(x => x.GoalId).NotEmpty();
        RuleFor(x => x.Description).NotEmpty().MaximumLength(IndividualPlan.TextMaxLength);
        RuleFor(x => x.ResponsibleParticipantId).NotEmpty().WithMessage(_ => Messages.Plan_MeasureResponsibleRequired);
        RuleFor(x => x.ResponsiblePerson).NotEmpty().WithMessage(_ => Messages.Plan_MeasureResponsibleRequired)
            .SingleLine(IndividualPlan.NameMaxLength);
        RuleFor(x => x.EndOn).GreaterThanOrEqualTo(x => x.StartOn).WithMessage(_ => Messages.Plan_MeasureEndBeforeStart);
        RuleFor(x => x.Status).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.Scope).SingleLine(IndividualPlan.NameMaxLength);
        RuleFor(x => x.HowCarriedOut).MaximumLength(IndividualPlan.TextMaxLength);
    }
}

internal sealed class SavePlanMeasureHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<SavePlanMeasure, PlanMeasureSaved>
{
    public async ValueTask<PlanMeasureSaved> Handle(SavePlanMeasure command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (plan, access) = await PlanWrites.LoadDraftAsync(db, user, command.PlanId, PlanOperation.OwnPart, nameof(SavePlanMeasure), now, cancellationToken);

        if (!await db.PlanGoals.AnyAsync(g => g.Id == command.GoalId && g.PlanId == plan.Id, cancellationToken))
        {
            throw new RuleViolationException(nameof(command.GoalId), Messages.Plan_GoalNotFound);
        }

        if (!await db.PlanParticipants.AnyAsync(p => p.Id == command.ResponsibleParticipantId && p.PlanId == plan.Id, cancellationToken))
        {
            throw new RuleViolationException(nameof(command.ResponsibleParticipantId), Messages.Plan_MeasureResponsibleRequired);
        }

        // A participant's own part: they may not take over someone else's measure, nor hand theirs to another.
        if (!access.MayEditMeasure(command.ResponsibleParticipantId))
        {
            throw new RuleViolationException(nameof(command.ResponsibleParticipantId), Messages.Plan_NotYourMeasure);
        }

        if (command.FromAgreementId is { } agreementId
            && !await db.GroupAgreements.AnyAsync(
                a => a.Id == agreementId && db.ResponsibilityGroups.Any(g => g.Id == a.GroupId && g.PersonId == plan.PersonId), cancellationToken))
        {
            throw new RuleViolationException(nameof(command.FromAgreementId), Messages.Plan_AgreementNotFound);
        }

        var content = new MeasureContent(
            command.GoalId, TextRules.Clean(command.Description)!, TextRules.Clean(command.Scope), TextRules.Clean(command.HowCarriedOut),
            command.ResponsibleParticipantId, TextRules.Clean(command.ResponsiblePerson)!, command.StartOn, command.EndOn, command.Status, command.FromAgreementId);
        if (command.MeasureId is { } measureId)
        {
            var measure = await db.PlanMeasures.SingleOrDefaultAsync(m => m.Id == measureId && m.PlanId == plan.Id, cancellationToken)
                ?? throw new RuleViolationException(nameof(command.MeasureId), Messages.Plan_MeasureNotFound);
            if (!access.MayEditMeasure(measure.ResponsibleParticipantId))
            {
                throw new RuleViolationException(nameof(command.MeasureId), Messages.Plan_NotYourMeasure);
            }

            measure.Change(content);
            return new PlanMeasureSaved(measure.Id);
        }

        var added = new PlanMeasure(Guid.CreateVersion7(), plan.Id, content);
        db.PlanMeasures.Add(added);
        return new PlanMeasureSaved(added.Id);
    }
}
