using System.Globalization;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Users with unit and roles, for the administrator, found by a part of the name or user name, and narrowed to a
/// unit and a role. No case content.
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record ListUsers(string? Search = null, int PageNumber = 1, int PageSize = 50, Guid? UnitId = null, Role? Role = null)
    : IQuery<Page<UserSummary>>, IPagedQuery;

public sealed record UserSummary(
    Guid Id, string UserName, string DisplayName, Guid UnitId, string UnitName, string AgencyName, bool IsDisabled, IReadOnlyList<Role> Roles, AgencyKind AgencyKind,
    bool AwaitingActivation = false, IReadOnlyList<ExternalIdentity>? ExternalIdentities = null);

/// <summary>Disables or re-enables a user. A disabled user is refused from their next operation, in any open page too.</summary>
[Requires(Capability.AdministerUsers)]
public sealed record SetUserDisabled(Guid UserId, bool Disabled) : ICommand<UserChanged>;

/// <summary>
/// Replaces a user's roles. Takes effect at the user's next operation. Never the administrator's own: an
/// administrator who could give themselves a case role would read case content (DOMAIN.md: they must never). Only
/// roles that exist in the user's agency (<see cref="RoleAgencies"/>): a police role on a municipal user would let
/// the municipality into police records, and the other way round.
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record SetUserRoles(Guid UserId, IReadOnlyList<Role> Roles) : ICommand<UserChanged>;

public sealed record UserChanged(Guid Id);

internal sealed class ListUsersValidator : AbstractValidator<ListUsers>
{
    public ListUsersValidator()
    {
        RuleFor(x => x.Search).SingleLine(100);
        RuleFor(x => x.Role).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        this.AddPagingRules();
    }
}

internal sealed class SetUserDisabledValidator : AbstractValidator<SetUserDisabled>
{
    public SetUserDisabledValidator() => RuleFor(x => x.UserId).NotEmpty();
}

internal sealed class SetUserRolesValidator : AbstractValidator<SetUserRoles>
{
    public SetUserRolesValidator()
    {
        RuleFor(x => x.UserId).NotEmpty();
        RuleFor(x => x.Roles).NotNull().Must(r => r is { Count: > 0 }).WithMessage(_ => Messages.Admin_RolesRequired);
        RuleForEach(x => x.Roles).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
    }
}

/// <summary>
/// Administrators manage the accounts of their own agency only: police and municipal users are administered apart,
/// as their records are kept apart. A user of the other agency is "not found".
/// </summary>
internal static class AdministeredUsers
{
    public static IQueryable<AppUser> OfOwnAgency(CaseDbContext db, UserContext administrator)
    {
        var agencyId = administrator.AgencyId;
        return db.Users.Where(u => db.Units.Any(unit => unit.Id == u.UnitId && unit.AgencyId == agencyId));
    }

    /// <summary>
    /// The target of a command an administrator may never run on themselves (refused on the field, as every
    /// command on one's own account is: they know it exists, and the message says to ask another administrator);
    /// another agency's user, or none, is "not found".
    /// </summary>
    public static async Task<AppUser> AnotherUserAsync(CaseDbContext db, UserContext administrator, Guid userId, CancellationToken cancellationToken)
    {
        if (userId == administrator.UserId)
        {
            throw new RuleViolationException("UserId", Messages.Admin_CannotActOnSelf);
        }

        return await OfOwnAgency(db, administrator).SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new NotFoundException("User");
    }

    /// <summary>
    /// An integration client's service account (ADR-029) acts only through its client's tokens: giving it a password
    /// or an external identity would let a person sign in with the client's capabilities, the administrator too.
    /// </summary>
    public static async Task RefuseServiceAccountAsync(CaseDbContext db, AppUser user, CancellationToken cancellationToken)
    {
        if (await db.IntegrationClients.AnyAsync(c => c.ServiceAccountUserId == user.Id, cancellationToken))
        {
            throw new RuleViolationException("UserId", Messages.Admin_ServiceAccountNoSignIn);
        }
    }

    /// <summary>Disables or enables the account; the administrator's disable and the recertification sweep (ADR-030) both come here.</summary>
    public static void SetDisabled(AppUser user, bool disabled)
    {
        user.IsDisabled = disabled;
        // A new stamp ends the user's cookies and refresh tokens at once.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
    }

    /// <summary>Ends a lockout (in the audit: LockoutEnd and AccessFailedCount) and the sign-in throttling.</summary>
    public static Task UnlockAsync(CaseDbContext db, AppUser user, CancellationToken cancellationToken)
    {
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        return SignInThrottleKeys.ForgetAsync(db, user.UserName, user.Id, cancellationToken);
    }
}

internal sealed class ListUsersHandler(CaseDbContext db, CurrentUser currentUser) : IQueryHandler<ListUsers, Page<UserSummary>>
{
    public async ValueTask<Page<UserSummary>> Handle(ListUsers query, CancellationToken cancellationToken)
    {
        var users =
            from u in AdministeredUsers.OfOwnAgency(db, currentUser.Required).AsNoTracking()
            join unit in db.Units on u.UnitId equals unit.Id
            join agency in db.Agencies on unit.AgencyId equals agency.Id
            select new { u, UnitName = unit.Name, AgencyName = agency.Name, AgencyKind = agency.Kind };
        var search = TextRules.Clean(query.Search);
        if (search is not null)
        {
            // "Rune" finds Rune Berg by his name as well as "rune.berg" by the user name. Upper-cased on both sides,
            // as PostgreSQL's LIKE is case-sensitive (on SQLite, UPPER() is .NET's: SqliteUnicodeUpper).
            var pattern = TextRules.ContainsPattern(search.ToUpperInvariant());
#pragma warning disable CA1304, CA1311 // Translated to SQL UPPER(); it never runs in .NET.
            users = users.Where(x => EF.Functions.Like(x.u.NormalizedUserName!, pattern, TextRules.LikeEscape)
                || EF.Functions.Like(x.u.DisplayName.ToUpper(), pattern, TextRules.LikeEscape));
#pragma warning restore CA1304, CA1311
        }

        if (query.UnitId is { } unitId)
        {
            // Another agency's unit simply has none of the administrator's users: an empty page, as for any unit.
            users = users.Where(x => x.u.UnitId == unitId);
        }

        if (query.Role is { } role)
        {
            var roleName = role.ToString();
            users = users.Where(x => db.UserRoles.Any(ur => ur.UserId == x.u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == roleName)));
        }

        var total = await users.CountAsync(cancellationToken);
        var rows = await users.OrderBy(x => x.u.DisplayName).ThenBy(x => x.u.Id)
            .TakePage(query)
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.u.Id).ToList();
        var roles = await (
                from ur in db.UserRoles.AsNoTracking()
                join r in db.Roles on ur.RoleId equals r.Id
                where ids.Contains(ur.UserId)
                select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var logins = await db.UserLogins.AsNoTracking().Where(l => ids.Contains(l.UserId))
            .Select(l => new { l.UserId, l.LoginProvider, l.ProviderKey }).ToListAsync(cancellationToken);
        var items = rows.Select(r => new UserSummary(
                r.u.Id, r.u.UserName ?? "", r.u.DisplayName, r.u.UnitId, r.UnitName, r.AgencyName, r.u.IsDisabled,
                roles.Where(x => x.UserId == r.u.Id).Select(x => Enum.TryParse<Role>(x.Name, out var role) ? role : (Role?)null).OfType<Role>().Order().ToList(),
                r.AgencyKind,
                r.u.AwaitingActivation,
                logins.Where(l => l.UserId == r.u.Id).OrderBy(l => l.LoginProvider, StringComparer.Ordinal).Select(l => new ExternalIdentity(l.LoginProvider, l.ProviderKey)).ToList()))
            .ToList();
        return new Page<UserSummary>(items, query.PageNumber, query.PageSize, total);
    }
}

internal sealed class SetUserDisabledHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<SetUserDisabled, UserChanged>
{
    public async ValueTask<UserChanged> Handle(SetUserDisabled command, CancellationToken cancellationToken)
    {
        if (command.UserId == currentUser.Required.UserId && command.Disabled)
        {
            throw new RuleViolationException(nameof(command.UserId), Messages.Admin_CannotDisableSelf);
        }

        var user = await AdministeredUsers.OfOwnAgency(db, currentUser.Required).SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken) ?? throw new NotFoundException("User");
        if (user.IsDisabled && !command.Disabled)
        {
            // Enabled again: a new recertification period (ADR-030), or the next sweep would disable them at once.
            await Recertification.Reviews.StartPeriodAsync(db, user.Id, clock, cancellationToken);
        }

        AdministeredUsers.SetDisabled(user, command.Disabled);
        return new UserChanged(user.Id);
    }
}

internal sealed class SetUserRolesHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<SetUserRoles, UserChanged>
{
    public async ValueTask<UserChanged> Handle(SetUserRoles command, CancellationToken cancellationToken)
    {
        if (command.UserId == currentUser.Required.UserId)
        {
            throw new RuleViolationException(nameof(command.UserId), Messages.Admin_CannotChangeOwnRoles);
        }

        var user = await AdministeredUsers.OfOwnAgency(db, currentUser.Required).SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken) ?? throw new NotFoundException("User");
        // Checked after the look-up: for the other agency's user the answer stays "not found", telling nothing.
        var agency = await db.Units.Where(u => u.Id == user.UnitId).Join(db.Agencies, u => u.AgencyId, a => a.Id, (_, a) => a.Kind).SingleAsync(cancellationToken);
        var invalid = command.Roles
            .Select((role, index) => (role, index))
            .Where(x => !x.role.ExistsIn(agency))
            .Select(x => new ValidationFailure(
                $"{nameof(command.Roles)}[{x.index}]",
                string.Format(CultureInfo.CurrentCulture, agency == AgencyKind.Police ? Messages.Admin_RoleNotInPolice : Messages.Admin_RoleNotInMunicipality, x.role)))
            .ToList();
        if (invalid.Count > 0)
        {
            throw new ValidationException(invalid);
        }

        var wanted = command.Roles.Select(r => r.ToString()).ToHashSet();
        var roles = await db.Roles.ToListAsync(cancellationToken);
        foreach (var name in wanted.Where(n => roles.All(r => r.Name != n)))
        {
            var role = new AppRole(name) { Id = Guid.CreateVersion7(), NormalizedName = name.ToUpperInvariant() };
            db.Roles.Add(role);
            roles.Add(role);
        }

        var current = await db.UserRoles.Where(ur => ur.UserId == user.Id).ToListAsync(cancellationToken);
        db.UserRoles.RemoveRange(current.Where(ur => !wanted.Contains(roles.First(r => r.Id == ur.RoleId).Name!)));
        foreach (var role in roles.Where(r => wanted.Contains(r.Name!) && current.All(c => c.RoleId != r.Id)))
        {
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
        }

        user.SecurityStamp = Guid.NewGuid().ToString("N");
        if (current.Count != wanted.Count || current.Any(ur => !wanted.Contains(roles.First(r => r.Id == ur.RoleId).Name!)))
        {
            // Changed roles are not covered by an earlier confirmation: a new recertification period (ADR-030).
            Recertification.Reviews.StartPeriod(db, user.Id, user.UnitId, command.Roles, clock);
        }

        return new UserChanged(user.Id);
    }
}
