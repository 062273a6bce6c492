using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Ends every open activation link of a user of the own agency who has not activated their account (ADR-026), e.g.
/// one sent to the wrong address. Revoking when no link is open changes nothing. Never for oneself (refused on the
/// field); the other agency's user is "not found".
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record RevokeInvitation(Guid UserId) : ICommand<UserChanged>;

internal sealed class RevokeInvitationValidator : AbstractValidator<RevokeInvitation>
{
    public RevokeInvitationValidator() => RuleFor(x => x.UserId).NotEmpty();
}

internal sealed class RevokeInvitationHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<RevokeInvitation, UserChanged>
{
    public async ValueTask<UserChanged> Handle(RevokeInvitation command, CancellationToken cancellationToken)
    {
        var user = await AdministeredUsers.AnotherUserAsync(db, currentUser.Required, command.UserId, cancellationToken);
        if (!user.AwaitingActivation)
        {
            throw new RuleViolationException(nameof(command.UserId), Messages.Admin_UserAlreadyActive);
        }

        await Invitations.RevokeOpenAsync(db, user.Id, clock.GetUtcNow(), cancellationToken);
        return new UserChanged(user.Id);
    }
}
