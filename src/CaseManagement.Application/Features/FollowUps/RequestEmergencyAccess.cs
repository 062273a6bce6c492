using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.FollowUps;

/// <summary>
/// Nødtilgang: read access to a follow-up the user is not on, for at most 60 minutes, with a written reason and a
/// fresh one-time code. Granted only within the user's own agency; every grant is flagged for the privacy officer.
/// </summary>
[Requires(Capability.RequestEmergencyAccess)]
public sealed record RequestEmergencyAccess(Guid FollowUpId, string Reason, string OneTimeCode) : ICommand<EmergencyAccessGranted>;

public sealed record EmergencyAccessGranted(Guid Id, DateTimeOffset ExpiresAt);

internal sealed class RequestEmergencyAccessValidator : AbstractValidator<RequestEmergencyAccess>
{
    public RequestEmergencyAccessValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.Reason)
            .Must(r => (r?.Trim().Length ?? 0) >= EmergencyAccess.ReasonMinLength).WithMessage(_ => Messages.Emergency_ReasonTooShort)
            .MaximumLength(EmergencyAccess.ReasonMaxLength);
        RuleFor(x => x.OneTimeCode).NotEmpty().MaximumLength(20);
    }
}

internal sealed class RequestEmergencyAccessHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, IStepUpVerifier stepUp)
    : ICommandHandler<RequestEmergencyAccess, EmergencyAccessGranted>
{
    public async ValueTask<EmergencyAccessGranted> Handle(RequestEmergencyAccess command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();

        if (!await stepUp.VerifyAsync(user.UserId, command.OneTimeCode, cancellationToken))
        {
            throw new RuleViolationException(nameof(command.OneTimeCode), Messages.Emergency_StepUpFailed);
        }

        // Emergency access never crosses between police and municipality: that takes a disclosure.
        var followUp = await db.FollowUps.AsNoTracking()
            .Where(f => f.Id == command.FollowUpId && f.AgencyId == user.AgencyId)
            .Select(f => new { f.Id, IsMember = f.Team.Any(m => m.UserId == user.UserId) })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("FollowUp");
        if (followUp.IsMember)
        {
            throw new RuleViolationException(nameof(command.FollowUpId), Messages.Emergency_AlreadyMember);
        }

        var grant = EmergencyAccess.Grant(Guid.CreateVersion7(), user.UserId, followUp.Id, command.Reason.Trim(), now);
        db.EmergencyAccesses.Add(grant);
        return new EmergencyAccessGranted(grant.Id, grant.ExpiresAt);
    }
}
