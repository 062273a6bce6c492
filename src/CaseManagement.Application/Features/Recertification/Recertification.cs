using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Recertification;

/// <summary>Configuration section <c>Recertification</c> (deploy/README.md, ADR-030).</summary>
public sealed class RecertificationOptions
{
    public const string Section = "Recertification";

    /// <summary>How long a confirmation (or a new period) lasts: 6 months is "twice a year".</summary>
    public int PeriodMonths { get; set; } = RecertificationPolicy.Default.PeriodMonths;

    /// <summary>How many days before a user falls due their leader and the administrator are told on the home page.</summary>
    public int WarningDays { get; set; } = RecertificationPolicy.Default.WarningDays;

    public RecertificationPolicy Policy => new(PeriodMonths, WarningDays);
}

/// <summary>A user as the recertification sees them: unit, roles, leadership and review history.</summary>
internal sealed record ReviewedUser(
    Guid Id,
    string UserName,
    string DisplayName,
    Guid UnitId,
    string UnitName,
    IReadOnlyList<Role> Roles,
    bool IsLeader,
    AccessReview? Latest,
    AccessReview? LastConfirmation);

/// <summary>
/// Who leads what, whose access falls due when, and who may confirm whom (ADR-030). One place, used by the page, the
/// home-page notice, the confirmation and the sweep, so they never disagree.
/// </summary>
internal static class Reviews
{
    /// <summary>
    /// The active users with at least one role of one agency (of one unit when <paramref name="unitId"/> is given), whether
    /// they lead their unit, and their latest review entry and latest confirmation.
    /// </summary>
    public static async Task<List<ReviewedUser>> ActiveUsersAsync(CaseDbContext db, Guid? agencyId, Guid? unitId, CancellationToken ct)
    {
        var users =
            from u in db.Users.AsNoTracking()
            join unit in db.Units on u.UnitId equals unit.Id
            where !u.IsDisabled && (agencyId == null || unit.AgencyId == agencyId) && (unitId == null || u.UnitId == unitId)
            select new { u.Id, u.UserName, u.DisplayName, u.UnitId, UnitName = unit.Name };
        var ids = users.Select(u => u.Id);
        var rows = await users.ToListAsync(ct);
        var roles = await (
                from ur in db.UserRoles.AsNoTracking()
                join r in db.Roles on ur.RoleId equals r.Id
                where ids.Contains(ur.UserId)
                select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var leaders = await db.UnitLeaders.AsNoTracking().Where(l => ids.Contains(l.UserId)).Select(l => new { l.UserId, l.UnitId }).ToListAsync(ct);
        var reviews = (await db.AccessReviews.AsNoTracking().Where(r => ids.Contains(r.UserId)).ToListAsync(ct))
            .ToLookup(r => r.UserId);

        // A user with no role holds nothing to confirm: in practice an integration client's service account, whose
        // authority is its client's named capabilities, reviewed with the client (ADR-029), and never swept here.
        var withRoles = roles.Select(r => r.UserId).ToHashSet();
        return rows.Where(u => withRoles.Contains(u.Id)).Select(u =>
            {
                var history = reviews[u.Id].OrderByDescending(r => r.At).ThenByDescending(r => r.Kind).ToList();
                return new ReviewedUser(
                    u.Id,
                    u.UserName ?? "",
                    u.DisplayName,
                    u.UnitId,
                    u.UnitName,
                    roles.Where(r => r.UserId == u.Id)
                        .Select(r => Enum.TryParse<Role>(r.Name, out var role) ? role : (Role?)null).OfType<Role>().Order().ToList(),
                    leaders.Any(l => l.UserId == u.Id && l.UnitId == u.UnitId),
                    history.FirstOrDefault(),
                    history.FirstOrDefault(r => r.Kind == AccessReviewKind.Confirmed));
            })
            .ToList();
    }

    /// <summary>Whether the user leads the unit they work in (an appointment for another unit counts for nothing).</summary>
    public static Task<bool> LeadsOwnUnitAsync(CaseDbContext db, UserContext user, CancellationToken ct) =>
        db.UnitLeaders.AnyAsync(l => l.UserId == user.UserId && l.UnitId == user.UnitId, ct);

    /// <summary>
    /// Deny by default: the leader of the target's unit confirms its users who are not leaders themselves; an
    /// administrator of the agency confirms the leaders and the users of a unit without a leader. Nobody confirms
    /// themselves, and two leaders of one unit never confirm each other.
    /// </summary>
    public static bool MayConfirm(UserContext actor, bool actorLeadsOwnUnit, ReviewedUser target, IReadOnlyCollection<ReviewedUser> agencyUsers)
    {
        if (target.Id == actor.UserId)
        {
            return false;
        }

        if (actorLeadsOwnUnit && target.UnitId == actor.UnitId && !target.IsLeader)
        {
            return true;
        }

        return actor.Roles.Contains(Role.Administrator)
            && (target.IsLeader || !agencyUsers.Any(u => u.UnitId == target.UnitId && u.IsLeader));
    }

    /// <summary>When the user falls due, how that stands now, and whether a confirmation covers their current roles.</summary>
    public static (DateTimeOffset DueAt, RecertificationStatus Status, bool Confirmed) StateOf(ReviewedUser user, RecertificationPolicy policy, DateTimeOffset now)
    {
        var confirmed = user.Latest is { Kind: AccessReviewKind.Confirmed } latest && latest.Covers(user.UnitId, user.Roles);
        var dueAt = policy.DueAt(user.Latest, user.UnitId, user.Roles, now);
        return (dueAt, policy.StatusAt(dueAt, now), confirmed);
    }

    /// <summary>
    /// Starts a new, unconfirmed period for the user's unit and roles (a role change, or enabling the account again):
    /// what was confirmed before no longer covers them, and the period runs from now.
    /// </summary>
    public static void StartPeriod(CaseDbContext db, Guid userId, Guid unitId, IEnumerable<Role> roles, TimeProvider clock) =>
        db.AccessReviews.Add(AccessReview.PeriodStarted(Guid.CreateVersion7(), userId, unitId, roles, clock.GetUtcNow()));

    /// <summary>As <see cref="StartPeriod"/>, for the roles the user holds in the database.</summary>
    public static async Task StartPeriodAsync(CaseDbContext db, Guid userId, TimeProvider clock, CancellationToken ct)
    {
        var unitId = await db.Users.Where(u => u.Id == userId).Select(u => u.UnitId).SingleAsync(ct);
        var roles = await (
                from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                where ur.UserId == userId
                select r.Name)
            .ToListAsync(ct);
        StartPeriod(db, userId, unitId, roles.Select(n => Enum.TryParse<Role>(n, out var role) ? role : (Role?)null).OfType<Role>(), clock);
    }
}
