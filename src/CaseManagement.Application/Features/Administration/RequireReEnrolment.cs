using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// For a user who lost their authenticator (R7): removes the authenticator key and the recovery codes, ends every
/// session (new security stamp) and ends a lockout. At the next sign-in, after the password, the user enrols a new
/// authenticator. A user of the administrator's own agency, never the administrator (nobody resets their own
/// second factor).
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record RequireReEnrolment(Guid UserId) : ICommand<UserChanged>;

internal sealed class RequireReEnrolmentValidator : AbstractValidator<RequireReEnrolment>
{
    public RequireReEnrolmentValidator() => RuleFor(x => x.UserId).NotEmpty();
}

internal sealed class RequireReEnrolmentHandler(CaseDbContext db, CurrentUser currentUser) : ICommandHandler<RequireReEnrolment, UserChanged>
{
    public async ValueTask<UserChanged> Handle(RequireReEnrolment command, CancellationToken cancellationToken)
    {
        var user = await AdministeredUsers.AnotherUserAsync(db, currentUser.Required, command.UserId, cancellationToken);
        var secondFactor = await db.UserTokens
            .Where(t => t.UserId == user.Id && t.LoginProvider == AppUserTokens.LoginProvider
                && (t.Name == AppUserTokens.AuthenticatorKey || t.Name == AppUserTokens.RecoveryCodes))
            .ToListAsync(cancellationToken);
        db.UserTokens.RemoveRange(secondFactor);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await AdministeredUsers.UnlockAsync(db, user, cancellationToken);
        return new UserChanged(user.Id);
    }
}
