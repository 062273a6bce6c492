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
/// A progress note (framdriftsnotat) on a measure, by its responsible participant or the team. Notes are internal:
/// never in the printable plan, and written whether the plan is a draft or approved (they are not plan content).
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record AddMeasureNote(Guid PlanId, Guid MeasureId, string Text) : ICommand<MeasureNoteAdded>;

public sealed record MeasureNoteAdded(Guid Id);

internal sealed class AddMeasureNoteValidator : AbstractValidator<AddMeasureNote>
{
    public AddMeasureNoteValidator()
    {
        RuleFor(x => x.PlanId).NotEmpty();
        RuleFor(x => x.MeasureId).NotEmpty();
        RuleFor(x => x.Text).NotEmpty().MaximumLength(IndividualPlan.TextMaxLength);
    }
}

internal sealed class AddMeasureNoteHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AddMeasureNote, MeasureNoteAdded>
{
    public async ValueTask<MeasureNoteAdded> Handle(AddMeasureNote command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var access = await AccessDecision.RequirePlanAccessAsync(db, user, command.PlanId, PlanOperation.OwnPart, nameof(AddMeasureNote), now, cancellationToken);
        var responsible = await db.PlanMeasures.AsNoTracking().Where(m => m.Id == command.MeasureId && m.PlanId == access.PlanId)
            .Select(m => (Guid?)m.ResponsibleParticipantId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new RuleViolationException(nameof(command.MeasureId), Messages.Plan_MeasureNotFound);
        if (!access.MayEditMeasure(responsible))
        {
            throw new RuleViolationException(nameof(command.MeasureId), Messages.Plan_NotYourMeasure);
        }

        var note = new MeasureNote(Guid.CreateVersion7(), command.MeasureId, access.PlanId, TextRules.Clean(command.Text)!, now, user.UserId);
        db.MeasureNotes.Add(note);
        return new MeasureNoteAdded(note.Id);
    }
}
