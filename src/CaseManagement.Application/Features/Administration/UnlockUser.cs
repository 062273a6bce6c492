using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Ends a user's temporary lockout and their sign-in throttling at once (R9), so a victim of password guessing gets
/// in again before the lockout runs out. A user of the administrator's own agency, never the administrator.
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record UnlockUser(Guid UserId) : ICommand<UserChanged>;

internal sealed class UnlockUserValidator : AbstractValidator<UnlockUser>
{
    public UnlockUserValidator() => RuleFor(x => x.UserId).NotEmpty();
}

internal sealed class UnlockUserHandler(CaseDbContext db, CurrentUser currentUser) : ICommandHandler<UnlockUser, UserChanged>
{
    public async ValueTask<UserChanged> Handle(UnlockUser command, CancellationToken cancellationToken)
    {
        var user = await AdministeredUsers.AnotherUserAsync(db, currentUser.Required, command.UserId, cancellationToken);
        await AdministeredUsers.UnlockAsync(db, user, cancellationToken);
        return new UserChanged(user.Id);
    }
}
