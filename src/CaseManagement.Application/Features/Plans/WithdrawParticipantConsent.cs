using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Plans;

/// <summary>The person withdraws their consent for one participant (recorded by the team): the participant's access ends at once.</summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record WithdrawParticipantConsent(Guid PlanId, Guid ParticipantId) : ICommand<PlanChanged>;

internal sealed class WithdrawParticipantConsentValidator : AbstractValidator<WithdrawParticipantConsent>
{
    public WithdrawParticipantConsentValidator()
    {
        RuleFor(x => x.PlanId).NotEmpty();
        RuleFor(x => x.ParticipantId).NotEmpty();
    }
}

internal sealed class WithdrawParticipantConsentHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<WithdrawParticipantConsent, PlanChanged>
{
    public async ValueTask<PlanChanged> Handle(WithdrawParticipantConsent command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var access = await AccessDecision.RequirePlanAccessAsync(db, user, command.PlanId, PlanOperation.Coordinate, nameof(WithdrawParticipantConsent), now, cancellationToken);
        var participant = await db.PlanParticipants.SingleOrDefaultAsync(p => p.Id == command.ParticipantId && p.PlanId == access.PlanId, cancellationToken)
            ?? throw new RuleViolationException(nameof(command.ParticipantId), Messages.Plan_ParticipantNotFound);
        if (participant.ConsentGivenAt is null || participant.ConsentWithdrawnAt is not null)
        {
            throw new RuleViolationException(nameof(command.ParticipantId), Messages.Plan_NoConsentToWithdraw);
        }

        participant.WithdrawConsent(now);
        return new PlanChanged(access.PlanId);
    }
}
