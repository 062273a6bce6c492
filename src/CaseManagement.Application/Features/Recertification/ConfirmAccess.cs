using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Recertification;

/// <summary>
/// Confirms that each listed user still needs exactly the listed roles (ADR-030): one confirmation per user, recording
/// who confirmed, when, and the roles. The roles are the ones the confirmer saw: if they have changed since, the
/// confirmation is refused on the field, as it would cover roles nobody looked at. Who may confirm whom:
/// <see cref="Reviews.MayConfirm"/>; nobody confirms themselves. All or nothing.
/// </summary>
[Requires(Capability.ConfirmAccess)]
public sealed record ConfirmAccess(IReadOnlyList<RolesToConfirm> Users) : ICommand<AccessConfirmed>;

public sealed record RolesToConfirm(Guid UserId, IReadOnlyList<Role> Roles);

public sealed record AccessConfirmed(IReadOnlyList<Guid> UserIds, DateTimeOffset At);

internal sealed class ConfirmAccessValidator : AbstractValidator<ConfirmAccess>
{
    public const int MaxUsers = 500;

    public ConfirmAccessValidator()
    {
        RuleFor(x => x.Users).NotNull().Must(u => u is { Count: > 0 and <= MaxUsers }).WithMessage(_ => Messages.Recert_UsersRequired)
            .Must(u => u is null || u.Select(x => x?.UserId).Distinct().Count() == u.Count).WithMessage(_ => Messages.Recert_UsersRepeated);
        RuleForEach(x => x.Users).NotNull().ChildRules(user =>
        {
            user.RuleFor(u => u.UserId).NotEmpty();
            user.RuleFor(u => u.Roles).NotNull().Must(r => r is { Count: > 0 }).WithMessage(_ => Messages.Admin_RolesRequired);
            user.RuleForEach(u => u.Roles).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        });
    }
}

internal sealed class ConfirmAccessHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<ConfirmAccess, AccessConfirmed>
{
    public async ValueTask<AccessConfirmed> Handle(ConfirmAccess command, CancellationToken cancellationToken)
    {
        var actor = currentUser.Required;
        var leads = await Reviews.LeadsOwnUnitAsync(db, actor, cancellationToken);
        var isAdministrator = actor.Roles.Contains(Role.Administrator);
        if (!leads && !isAdministrator)
        {
            throw new ForbiddenException(nameof(ConfirmAccess));
        }

        var agencyUsers = await Reviews.ActiveUsersAsync(db, actor.AgencyId, null, cancellationToken);
        var now = clock.GetUtcNow();
        for (var i = 0; i < command.Users.Count; i++)
        {
            var item = command.Users[i];
            if (item.UserId == actor.UserId)
            {
                throw new RuleViolationException($"{nameof(command.Users)}[{i}].{nameof(item.UserId)}", Messages.Recert_CannotConfirmSelf);
            }

            // Another agency's user, a disabled one and none at all look the same: not found.
            var target = agencyUsers.SingleOrDefault(u => u.Id == item.UserId) ?? throw new NotFoundException("User");
            if (!Reviews.MayConfirm(actor, leads, target, agencyUsers))
            {
                // A leader does not see other units' users; a colleague they may not confirm (a co-leader), and a user an
                // administrator leaves to the unit's leader, are known to them.
                throw isAdministrator || target.UnitId == actor.UnitId ? new ForbiddenException(nameof(ConfirmAccess)) : new NotFoundException("User");
            }

            if (AccessReview.RoleList(item.Roles) != AccessReview.RoleList(target.Roles))
            {
                throw new RuleViolationException($"{nameof(command.Users)}[{i}].{nameof(item.Roles)}", Messages.Recert_RolesChanged);
            }

            db.AccessReviews.Add(AccessReview.Confirmed(Guid.CreateVersion7(), target.Id, target.UnitId, target.Roles, actor.UserId, now));
        }

        return new AccessConfirmed(command.Users.Select(u => u.UserId).ToList(), now);
    }
}
