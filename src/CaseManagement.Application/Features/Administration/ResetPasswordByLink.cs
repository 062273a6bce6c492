using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// For a user who forgot their password: the password stops working at once, every session ends, and the user
/// gets a new activation link (ADR-026) to set a new one. The authenticator is kept: after the new password the
/// sign-in asks for its code as usual (a lost authenticator is <see cref="RequireReEnrolment"/>). The administrator
/// never learns or sets the password. A user of the own agency, never oneself; a disabled account is enabled first.
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record ResetPasswordByLink(Guid UserId) : ICommand<InvitationIssued>;

internal sealed class ResetPasswordByLinkValidator : AbstractValidator<ResetPasswordByLink>
{
    public ResetPasswordByLinkValidator() => RuleFor(x => x.UserId).NotEmpty();
}

internal sealed class ResetPasswordByLinkHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<ResetPasswordByLink, InvitationIssued>
{
    public async ValueTask<InvitationIssued> Handle(ResetPasswordByLink command, CancellationToken cancellationToken)
    {
        var user = await AdministeredUsers.AnotherUserAsync(db, currentUser.Required, command.UserId, cancellationToken);
        await AdministeredUsers.RefuseServiceAccountAsync(db, user, cancellationToken);
        if (user.IsDisabled)
        {
            // The activation page refuses a disabled account; a link that cannot work is not handed out.
            throw new RuleViolationException(nameof(command.UserId), Messages.Admin_ResetNeedsEnabledUser);
        }

        user.PasswordHash = null;
        user.AwaitingActivation = true;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await AdministeredUsers.UnlockAsync(db, user, cancellationToken);
        return await Invitations.IssueAsync(db, user.Id, currentUser.Required.UserId, clock.GetUtcNow(), cancellationToken);
    }
}
