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
/// Adds a participant (service, relative) with what they contribute. A participant who is a user of the system
/// (<paramref name="UserId"/>) sees the plan only with the person's consent: scope and expiry recorded here. Without
/// consent the participant is listed but sees nothing.
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record AddPlanParticipant(
    Guid PlanId,
    ParticipantKind Kind,
    string Name,
    string? Contribution = null,
    Guid? UserId = null,
    string? ConsentScope = null,
    DateTimeOffset? ConsentValidTo = null) : ICommand<PlanParticipantAdded>;

public sealed record PlanParticipantAdded(Guid Id);

internal sealed class AddPlanParticipantValidator : AbstractValidator<AddPlanParticipant>
{
    public AddPlanParticipantValidator()
    {
        RuleFor(x => x.PlanId).NotEmpty();
        RuleFor(x => x.Kind).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.Name).NotEmpty().SingleLine(IndividualPlan.NameMaxLength);
        RuleFor(x => x.Contribution).MaximumLength(IndividualPlan.TextMaxLength);
        RuleFor(x => x.ConsentScope).SingleLine(IndividualPlan.NameMaxLength * 2);
        // Consent is scope and expiry together, or nothing.
        RuleFor(x => x.ConsentValidTo).NotNull().When(x => !string.IsNullOrWhiteSpace(x.ConsentScope)).WithMessage(_ => Messages.Plan_ConsentExpiryRequired);
        RuleFor(x => x.ConsentScope).NotEmpty().When(x => x.ConsentValidTo is not null).WithMessage(_ => Messages.Plan_ConsentScopeRequired);
    }
}

internal sealed class AddPlanParticipantHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AddPlanParticipant, PlanParticipantAdded>
{
    public async ValueTask<PlanParticipantAdded> Handle(AddPlanParticipant command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var access = await AccessDecision.RequirePlanAccessAsync(db, user, command.PlanId, PlanOperation.Coordinate, nameof(AddPlanParticipant), now, cancellationToken);
        if (command.ConsentValidTo is { } to && to <= now)
        {
            throw new RuleViolationException(nameof(command.ConsentValidTo), Messages.Plan_ConsentExpiryPast);
        }

        if (command.UserId is { } participantUser)
        {
            if (!await db.Users.AnyAsync(u => u.Id == participantUser && !u.IsDisabled, cancellationToken))
            {
                throw new RuleViolationException(nameof(command.UserId), Messages.Plan_ParticipantUserNotFound);
            }

            if (await db.PlanParticipants.AnyAsync(p => p.PlanId == access.PlanId && p.UserId == participantUser, cancellationToken))
            {
                throw new RuleViolationException(nameof(command.UserId), Messages.Plan_ParticipantAlreadyAdded);
            }
        }

        var participant = new PlanParticipant(
            Guid.CreateVersion7(), access.PlanId, command.Kind, TextRules.Clean(command.Name)!, command.UserId, TextRules.Clean(command.Contribution));
        if (command.ConsentValidTo is { } validTo)
        {
            participant.RecordConsent(TextRules.Clean(command.ConsentScope)!, now, validTo);
        }

        db.PlanParticipants.Add(participant);
        return new PlanParticipantAdded(participant.Id);
    }
}
