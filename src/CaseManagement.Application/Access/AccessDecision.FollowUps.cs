using System.Linq.Expressions;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace CaseManagement.Application.Access;

/// <summary>On what ground a user reaches a follow-up.</summary>
public enum AccessBasis
{
    /// <summary>On the team: read and write, all record kinds.</summary>
    TeamMember,

    /// <summary>Through a disclosure to the user's unit: read only, the disclosed record kinds only.</summary>
    Disclosure,

    /// <summary>Through emergency access: read only, time-limited, flagged for review.</summary>
    EmergencyAccess,
}

/// <summary>The answer to "may this user reach this follow-up, now, and how far?".</summary>
public sealed record AccessGrant(
    Guid FollowUpId,
    Guid PersonId,
    Guid AgencyId,
    AccessBasis Basis,
    RecordKinds Kinds,
    TeamRole? TeamRole,
    Guid? EmergencyAccessId)
{
    public bool CanWrite => Basis == AccessBasis.TeamMember;

    public bool IsLead => TeamRole == Domain.FollowUps.TeamRole.Lead;

    public bool Covers(RecordKinds kind) => (Kinds & kind) == kind;
}

// Follow-ups and everything under them. The rule, in order: team membership (inside the owning agency only: police
// and municipal records stay apart even if a member were moved to a unit of the other agency) gives every record
// kind and write access; active disclosures to the user's unit (whose consent, if any, is in force) give their kinds,
// read only; an active emergency grant gives every kind, read only. Nothing else reaches a follow-up.
// The rule is written twice in this file only: as a query (Covering, for lists) and in memory (Combine, for one
// follow-up with its grant); the authorisation matrix checks both against each other.
public static partial class AccessDecision
{
    /// <summary>The team ground: the user is on the follow-up's team and the follow-up belongs to the user's agency.</summary>
    public static Expression<Func<FollowUp, bool>> OnTeam(UserContext user)
    {
        var userId = user.UserId;
        var agencyId = user.AgencyId;
        return f => f.AgencyId == agencyId && f.Team.Any(m => m.UserId == userId);
    }

    /// <summary>
    /// The follow-ups whose <paramref name="kind"/> the user can read now, as a query filter: exactly those for which
    /// <see cref="DecideAsync"/> gives a grant covering the kind.
    /// </summary>
    public static Expression<Func<FollowUp, bool>> Covering(CaseDbContext db, UserContext user, DateTimeOffset now, RecordKinds kind)
    {
        var disclosures = ActiveDisclosures(db, user, now);
        var emergencyGrants = ActiveEmergencyGrants(db, user, now);
        Expression<Func<FollowUp, bool>> granted = f =>
            disclosures.Any(d => d.FollowUpId == f.Id && (d.RecordKinds & kind) == kind)
            || emergencyGrants.Any(e => e.FollowUpId == f.Id);
        return OrElse(OnTeam(user), granted);
    }

    /// <summary>The follow-ups the user can reach now: those covering the follow-up kind (the follow-up itself and the person's basic details).</summary>
    public static Expression<Func<FollowUp, bool>> Reachable(CaseDbContext db, UserContext user, DateTimeOffset now) =>
        Covering(db, user, now, RecordKinds.FollowUp);

    public static IQueryable<FollowUp> ReachableFollowUps(this CaseDbContext db, UserContext user, DateTimeOffset now) =>
        db.FollowUps.Where(Reachable(db, user, now));

    /// <summary>Lists of one record kind: the follow-ups whose <paramref name="kind"/> the user can read now.</summary>
    public static IQueryable<FollowUp> FollowUpsCovering(CaseDbContext db, UserContext user, DateTimeOffset now, RecordKinds kind) =>
        db.FollowUps.Where(Covering(db, user, now, kind));

    /// <summary>The follow-ups the user works on as a team member (work lists and due items of the team).</summary>
    public static IQueryable<FollowUp> TeamFollowUps(CaseDbContext db, UserContext user) =>
        db.FollowUps.Where(OnTeam(user));

    /// <summary>A consent in force now: given (not refused), not withdrawn, inside its period.</summary>
    public static Expression<Func<Consent, bool>> ConsentInForce(DateTimeOffset now) =>
        c => c.WithdrawnAt == null && !c.Refused && c.ValidFrom <= now && (c.ValidTo == null || c.ValidTo > now);

    /// <summary>Disclosures to the user's unit that are in force now, with their consent (if any) in force.</summary>
    private static IQueryable<Disclosure> ActiveDisclosures(CaseDbContext db, UserContext user, DateTimeOffset now)
    {
        var unitId = user.UnitId;
        var consents = db.Consents.Where(ConsentInForce(now));
        return db.Disclosures.Where(d => d.ToUnitId == unitId && d.EndedAt == null && d.ValidFrom <= now && d.ValidTo > now
            && (d.ConsentId == null || consents.Any(c => c.Id == d.ConsentId)));
    }

    /// <summary>The user's emergency grants that have not expired.</summary>
    public static IQueryable<EmergencyAccess> ActiveEmergencyGrants(CaseDbContext db, UserContext user, DateTimeOffset now)
    {
        var userId = user.UserId;
        return db.EmergencyAccesses.Where(e => e.UserId == userId && e.GrantedAt <= now && e.ExpiresAt > now);
    }

    /// <summary>
    /// The user's grant on one follow-up, or null: then the caller answers "not found", so the follow-up's existence
    /// does not leak.
    /// </summary>
    public static async Task<AccessGrant?> DecideAsync(CaseDbContext db, UserContext user, Guid followUpId, DateTimeOffset now, CancellationToken ct)
    {
        var followUp = await db.FollowUps.AsNoTracking()
            .Where(f => f.Id == followUpId)
            .Select(f => new FollowUpKey(f.Id, f.PersonId, f.AgencyId))
            .SingleOrDefaultAsync(ct);
        if (followUp is null)
        {
            return null;
        }

        var membership = await db.TeamMembers.AsNoTracking()
            .Where(m => m.FollowUpId == followUpId && m.UserId == user.UserId)
            .Select(m => (TeamRole?)m.Role)
            .SingleOrDefaultAsync(ct);
        // The team ground wins outright: no need to look further.
        if (Combine(followUp, user, membership, [], null) is { } asMember)
        {
            return asMember;
        }

        var disclosed = await ActiveDisclosures(db, user, now).AsNoTracking()
            .Where(d => d.FollowUpId == followUpId)
            .Select(d => d.RecordKinds)
            .ToListAsync(ct);
        var emergency = disclosed.Count > 0
            ? null
            : await ActiveEmergencyGrants(db, user, now).AsNoTracking()
                .Where(e => e.FollowUpId == followUpId)
                .OrderByDescending(e => e.ExpiresAt)
                .Select(e => (Guid?)e.Id)
                .FirstOrDefaultAsync(ct);
        return Combine(followUp, user, membership, disclosed, emergency);
    }

    /// <summary>
    /// The user's grants on every follow-up of one person, decided by the same rule as <see cref="DecideAsync"/> in
    /// four queries however many follow-ups the person has (the person timeline). Follow-ups without a grant are left
    /// out, so the caller cannot tell them from follow-ups that do not exist.
    /// </summary>
    public static async Task<IReadOnlyList<AccessGrant>> DecideForPersonAsync(CaseDbContext db, UserContext user, Guid personId, DateTimeOffset now, CancellationToken ct)
    {
        var followUps = await db.FollowUps.AsNoTracking()
            .Where(f => f.PersonId == personId)
            .Select(f => new FollowUpKey(f.Id, f.PersonId, f.AgencyId))
            .ToListAsync(ct);
        if (followUps.Count == 0)
        {
            return [];
        }

        var userId = user.UserId;
        var ofPerson = db.FollowUps.Where(f => f.PersonId == personId);
        var memberships = await db.TeamMembers.AsNoTracking()
            .Where(m => m.UserId == userId && ofPerson.Any(f => f.Id == m.FollowUpId))
            .Select(m => new { m.FollowUpId, m.Role })
            .ToListAsync(ct);
        var disclosures = await ActiveDisclosures(db, user, now).AsNoTracking()
            .Where(d => ofPerson.Any(f => f.Id == d.FollowUpId))
            .Select(d => new { d.FollowUpId, d.RecordKinds })
            .ToListAsync(ct);
        var emergencies = await ActiveEmergencyGrants(db, user, now).AsNoTracking()
            .Where(e => ofPerson.Any(f => f.Id == e.FollowUpId))
            .Select(e => new { e.FollowUpId, e.Id, e.ExpiresAt })
            .ToListAsync(ct);

        var grants = new List<AccessGrant>();
        foreach (var f in followUps.OrderBy(f => f.Id))
        {
            var membership = memberships.Where(m => m.FollowUpId == f.Id).Select(m => (TeamRole?)m.Role).SingleOrDefault();
            var disclosed = disclosures.Where(d => d.FollowUpId == f.Id).Select(d => d.RecordKinds).ToList();
            var emergency = emergencies.Where(e => e.FollowUpId == f.Id).OrderByDescending(e => e.ExpiresAt).Select(e => (Guid?)e.Id).FirstOrDefault();
            if (Combine(f, user, membership, disclosed, emergency) is { } grant)
            {
                grants.Add(grant);
            }
        }

        return grants;
    }

    /// <summary>
    /// The grant, required to cover the record kind (and write access, or the lead role, when asked). Anything less
    /// answers <see cref="NotFoundException"/> for reads, and for a writer who can see the record <see cref="ForbiddenException"/>.
    /// </summary>
    public static async Task<AccessGrant> RequireAsync(
        CaseDbContext db, UserContext user, Guid followUpId, RecordKinds kind, DateTimeOffset now, CancellationToken ct,
        bool write = false, bool lead = false, string messageName = "")
    {
        var grant = await DecideAsync(db, user, followUpId, now, ct);
        if (grant is null || !grant.Covers(kind))
        {
            throw new NotFoundException("FollowUp");
        }

        if ((write && !grant.CanWrite) || (lead && !grant.IsLead))
        {
            throw new ForbiddenException(messageName);
        }

        return grant;
    }

    private sealed record FollowUpKey(Guid Id, Guid PersonId, Guid AgencyId);

    /// <summary>The rule in memory, for one follow-up and what the database holds of the user's grounds on it.</summary>
    private static AccessGrant? Combine(FollowUpKey f, UserContext user, TeamRole? membership, List<RecordKinds> disclosed, Guid? emergencyId)
    {
        if (membership is not null && f.AgencyId == user.AgencyId)
        {
            return new AccessGrant(f.Id, f.PersonId, f.AgencyId, AccessBasis.TeamMember, RecordKinds.All, membership, null);
        }

        if (disclosed.Count > 0)
        {
            var kinds = disclosed.Aggregate(RecordKinds.None, (all, k) => all | k);
            return new AccessGrant(f.Id, f.PersonId, f.AgencyId, AccessBasis.Disclosure, kinds, null, null);
        }

        if (emergencyId is not null)
        {
            return new AccessGrant(f.Id, f.PersonId, f.AgencyId, AccessBasis.EmergencyAccess, RecordKinds.All, null, emergencyId);
        }

        return null;
    }

    /// <summary>Either predicate, as one expression EF Core translates (the second's parameter rebound to the first's).</summary>
    private static Expression<Func<T, bool>> OrElse<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right)
    {
        var rightBody = ReplacingExpressionVisitor.Replace(right.Parameters[0], left.Parameters[0], right.Body);
        return Expression.Lambda<Func<T, bool>>(Expression.OrElse(left.Body, rightBody), left.Parameters);
    }
}
