using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// A new activation link for a user of the own agency who has not activated their account; every earlier link
/// stops working (ADR-026). Never for oneself (refused on the field); the other agency's user is "not found".
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record ResendInvitation(Guid UserId) : ICommand<InvitationIssued>;

internal sealed class ResendInvitationValidator : AbstractValidator<ResendInvitation>
{
    public ResendInvitationValidator() => RuleFor(x => x.UserId).NotEmpty();
}

internal sealed class ResendInvitationHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<ResendInvitation, InvitationIssued>
{
    public async ValueTask<InvitationIssued> Handle(ResendInvitation command, CancellationToken cancellationToken)
    {
        var user = await AdministeredUsers.AnotherUserAsync(db, currentUser.Required, command.UserId, cancellationToken);
        if (!user.AwaitingActivation)
        {
            throw new RuleViolationException(nameof(command.UserId), Messages.Admin_UserAlreadyActive);
        }

        return await Invitations.IssueAsync(db, user.Id, currentUser.Required.UserId, clock.GetUtcNow(), cancellationToken);
    }
}
