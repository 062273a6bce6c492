using System.Linq.Expressions;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;

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

/// <summary>
/// The one component that decides access to follow-ups and everything under them (ARCHITECTURE.md). The pipeline
/// checks the capability; this decides the record: team membership, active disclosures to the user's unit (whose
/// consent, if any, is still active), and active emergency grants. Handlers, list queries and the pages all ask here.
/// </summary>
public static class AccessDecision
{
    /// <summary>
    /// The follow-ups the user can reach now, as a query filter (used by lists and as a second line). Exactly the
    /// follow-ups for which <see cref="DecideAsync"/> grants the <see cref="RecordKinds.FollowUp"/> kind: team
    /// membership counts only inside the owning agency, and a disclosure only if it covers that kind (the follow-up
    /// itself and the person's basic details).
    /// </summary>
    public static Expression<Func<FollowUp, bool>> Reachable(CaseDbContext db, UserContext user, DateTimeOffset now)
    {
        var userId = user.UserId;
        var agencyId = user.AgencyId;
        var disclosures = ActiveDisclosures(db, user, now);
        var emergencyGrants = ActiveEmergencyGrants(db, user, now);
        return f =>
            (f.AgencyId == agencyId && f.Team.Any(m => m.UserId == userId))
            || disclosures.Any(d => d.FollowUpId == f.Id && (d.RecordKinds & RecordKinds.FollowUp) == RecordKinds.FollowUp)
            || emergencyGrants.Any(e => e.FollowUpId == f.Id);
    }

    /// <summary>Disclosures to the user's unit that are in force now, with their consent (if any) still active.</summary>
    private static IQueryable<Disclosure> ActiveDisclosures(CaseDbContext db, UserContext user, DateTimeOffset now)
    {
        var unitId = user.UnitId;
        return db.Disclosures.Where(d => d.ToUnitId == unitId && d.EndedAt == null && d.ValidFrom <= now && d.ValidTo > now
            && (d.ConsentId == null || db.Consents.Any(c => c.Id == d.ConsentId && c.WithdrawnAt == null && !c.Refused
                && c.ValidFrom <= now && (c.ValidTo == null || c.ValidTo > now))));
    }

    /// <summary>The user's emergency grants that have not expired.</summary>
    public static IQueryable<EmergencyAccess> ActiveEmergencyGrants(CaseDbContext db, UserContext user, DateTimeOffset now)
    {
        var userId = user.UserId;
        return db.EmergencyAccesses.Where(e => e.UserId == userId && e.GrantedAt <= now && e.ExpiresAt > now);
    }

    public static IQueryable<FollowUp> ReachableFollowUps(this CaseDbContext db, UserContext user, DateTimeOffset now) =>
        db.FollowUps.Where(Reachable(db, user, now));

    /// <summary>
    /// The user's grant on one follow-up, or null: then the caller answers "not found", so the follow-up's existence
    /// does not leak.
    /// </summary>
    public static async Task<AccessGrant?> DecideAsync(CaseDbContext db, UserContext user, Guid followUpId, DateTimeOffset now, CancellationToken ct)
    {
        var followUp = await db.FollowUps.AsNoTracking()
            .Where(f => f.Id == followUpId)
            .Select(f => new { f.Id, f.PersonId, f.AgencyId })
            .SingleOrDefaultAsync(ct);
        if (followUp is null)
        {
            return null;
        }

        var membership = await db.TeamMembers.AsNoTracking()
            .Where(m => m.FollowUpId == followUpId && m.UserId == user.UserId)
            .Select(m => (TeamRole?)m.Role)
            .SingleOrDefaultAsync(ct);
        if (membership is not null && followUp.AgencyId == user.AgencyId)
        {
            return Combine(followUp.Id, followUp.PersonId, followUp.AgencyId, user, membership, [], null);
        }

        var disclosed = await ActiveDisclosures(db, user, now).AsNoTracking()
            .Where(d => d.FollowUpId == followUpId)
            .Select(d => d.RecordKinds)
            .ToListAsync(ct);
        if (disclosed.Count > 0)
        {
            return Combine(followUp.Id, followUp.PersonId, followUp.AgencyId, user, null, disclosed, null);
        }

        var emergency = await ActiveEmergencyGrants(db, user, now).AsNoTracking()
            .Where(e => e.FollowUpId == followUpId)
            .OrderByDescending(e => e.ExpiresAt)
            .Select(e => (Guid?)e.Id)
            .FirstOrDefaultAsync(ct);
        return Combine(followUp.Id, followUp.PersonId, followUp.AgencyId, user, null, [], emergency);
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
            .Select(f => new { f.Id, f.PersonId, f.AgencyId })
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
            if (Combine(f.Id, f.PersonId, f.AgencyId, user, membership, disclosed, emergency) is { } grant)
            {
                grants.Add(grant);
            }
        }

        return grants;
    }

    /// <summary>
    /// The one rule, in order: team membership (inside the owning agency only: police and municipal records stay
    /// apart even if a member were moved to a unit of the other agency), then active disclosures (their kinds
    /// together), then an active emergency grant. Nothing else reaches a follow-up.
    /// </summary>
    private static AccessGrant? Combine(
        Guid followUpId, Guid personId, Guid agencyId, UserContext user, TeamRole? membership, List<RecordKinds> disclosed, Guid? emergencyId)
    {
        if (membership is not null && agencyId == user.AgencyId)
        {
            return new AccessGrant(followUpId, personId, agencyId, AccessBasis.TeamMember, RecordKinds.All, membership, null);
        }

        if (disclosed.Count > 0)
        {
            var kinds = disclosed.Aggregate(RecordKinds.None, (all, k) => all | k);
            return new AccessGrant(followUpId, personId, agencyId, AccessBasis.Disclosure, kinds, null, null);
        }

        if (emergencyId is not null)
        {
            return new AccessGrant(followUpId, personId, agencyId, AccessBasis.EmergencyAccess, RecordKinds.All, null, emergencyId);
        }

        return null;
    }

    public static Auditing.AccessPurpose PurposeOf(AccessBasis basis) => basis switch
    {
        AccessBasis.TeamMember => Auditing.AccessPurpose.NormalWork,
        AccessBasis.Disclosure => Auditing.AccessPurpose.Disclosure,
        AccessBasis.EmergencyAccess => Auditing.AccessPurpose.EmergencyAccess,
    };

    /// <summary>Why the user may see people of another agency's register: emergency grants win over disclosures.</summary>
    public static async Task<Dictionary<Guid, Auditing.AccessPurpose>> PurposesForPersonsAsync(
        CaseDbContext db, UserContext user, IReadOnlyCollection<(Guid PersonId, Guid AgencyId)> persons, DateTimeOffset now, CancellationToken ct)
    {
        var result = persons.Where(p => p.AgencyId == user.AgencyId).ToDictionary(p => p.PersonId, _ => Auditing.AccessPurpose.NormalWork);
        var others = persons.Where(p => p.AgencyId != user.AgencyId).Select(p => p.PersonId).ToList();
        if (others.Count > 0)
        {
            var emergency = await ActiveEmergencyGrants(db, user, now).AsNoTracking()
                .Join(db.FollowUps, e => e.FollowUpId, f => f.Id, (e, f) => f.PersonId)
                .Where(personId => others.Contains(personId))
                .ToListAsync(ct);
            foreach (var personId in others)
            {
                result[personId] = emergency.Contains(personId) ? Auditing.AccessPurpose.EmergencyAccess : Auditing.AccessPurpose.Disclosure;
            }
        }

        return result;
    }

    /// <summary>
    /// The grant, required to cover the record kind (and write access when asked). Anything less answers
    /// <see cref="NotFoundException"/> for reads, and for a writer who can see the record <see cref="ForbiddenException"/>.
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

    /// <summary>
    /// A referral the user may act on as its recipient: addressed to the user's unit, and its follow-up reachable
    /// now with the follow-up kind (the referral's own disclosure gives that, until it ends or its consent is withdrawn).
    /// Anything else answers "not found".
    /// </summary>
    public static async Task<(Referral Referral, AccessGrant Grant)> RequireReferralRecipientAsync(
        CaseDbContext db, UserContext user, Guid referralId, DateTimeOffset now, CancellationToken ct)
    {
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId && r.ToUnitId == user.UnitId, ct)
            ?? throw new NotFoundException("Referral");
        var grant = await DecideAsync(db, user, referral.FollowUpId, now, ct);
        if (grant is null || !grant.Covers(RecordKinds.FollowUp))
        {
            throw new NotFoundException("Referral");
        }

        return (referral, grant);
    }

    /// <summary>Referrals to the user's unit whose follow-up the user reaches now (the list of the same rule).</summary>
    public static IQueryable<Referral> ReferralsForRecipient(CaseDbContext db, UserContext user, DateTimeOffset now)
    {
        var unitId = user.UnitId;
        var reachable = db.ReachableFollowUps(user, now).Select(f => f.Id);
        return db.Referrals.Where(r => r.ToUnitId == unitId && reachable.Contains(r.FollowUpId));
    }

    #region Individual plans and responsibility groups (participants and members by consent)

    /// <summary>
    /// The user's access to an individual plan: the follow-up grant (team, a disclosure of the plan, emergency access)
    /// or, for a participant who is not on the team, an active participant consent. Anything else answers not found;
    /// a reader who asks to write answers forbidden. Every plan message asks here.
    /// </summary>
    public static async Task<PlanAccess> RequirePlanAccessAsync(
        CaseDbContext db, UserContext user, Guid planId, PlanOperation operation, string messageName, DateTimeOffset now, CancellationToken ct)
    {
        var plan = await db.IndividualPlans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new { p.Id, p.FollowUpId, p.PersonId, p.CoordinatorUserId }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("IndividualPlan");
        var grant = await DecideAsync(db, user, plan.FollowUpId, now, ct);
        if (grant is not null && grant.Covers(RecordKinds.IndividualPlan))
        {
            if (operation != PlanOperation.Read && !grant.CanWrite)
            {
                throw new ForbiddenException(messageName);
            }

            return new PlanAccess(plan.Id, plan.FollowUpId, plan.PersonId, grant.Basis, null, plan.CoordinatorUserId == user.UserId);
        }

        var userId = user.UserId;
        var participantId = await db.PlanParticipants.AsNoTracking()
            .Where(p => p.PlanId == planId && p.UserId == userId)
            .Where(ActiveParticipantConsent(now))
            .Select(p => (Guid?)p.Id)
            .FirstOrDefaultAsync(ct);
        if (participantId is null)
        {
            throw new NotFoundException("IndividualPlan");
        }

        if (operation == PlanOperation.Coordinate)
        {
            throw new ForbiddenException(messageName);
        }

        return new PlanAccess(plan.Id, plan.FollowUpId, plan.PersonId, null, participantId, plan.CoordinatorUserId == user.UserId);
    }

    /// <summary>
    /// The user's access to a responsibility group: the follow-up grant, or for a member not on the team, the
    /// member's active consent while the group runs. Ending the group or withdrawing consent ends access at once.
    /// </summary>
    public static async Task<GroupAccess> RequireGroupAccessAsync(
        CaseDbContext db, UserContext user, Guid groupId, GroupOperation operation, string messageName, DateTimeOffset now, CancellationToken ct)
    {
        var group = await db.ResponsibilityGroups.AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new { g.Id, g.FollowUpId, g.PersonId, g.ConvenorUserId, g.EndedAt }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("ResponsibilityGroup");
        var grant = await DecideAsync(db, user, group.FollowUpId, now, ct);
        if (grant is not null && grant.Covers(RecordKinds.ResponsibilityGroup))
        {
            if (operation != GroupOperation.Read && !grant.CanWrite)
            {
                throw new ForbiddenException(messageName);
            }

            return new GroupAccess(group.Id, group.FollowUpId, group.PersonId, grant.Basis, null, group.ConvenorUserId == user.UserId);
        }

        var userId = user.UserId;
        var memberId = group.EndedAt is not null
            ? null
            : await db.GroupMembers.AsNoTracking()
                .Where(m => m.GroupId == groupId && m.UserId == userId)
                .Where(ActiveMemberConsent(now))
                .Select(m => (Guid?)m.Id)
                .FirstOrDefaultAsync(ct);
        if (memberId is null)
        {
            throw new NotFoundException("ResponsibilityGroup");
        }

        if (operation == GroupOperation.Convene)
        {
            throw new ForbiddenException(messageName);
        }

        return new GroupAccess(group.Id, group.FollowUpId, group.PersonId, null, memberId, group.ConvenorUserId == user.UserId);
    }

    /// <summary>A participant's consent that is in force now (given, not withdrawn, not expired).</summary>
    public static Expression<Func<Domain.Plans.PlanParticipant, bool>> ActiveParticipantConsent(DateTimeOffset now) =>
        p => p.ConsentGivenAt != null && p.ConsentGivenAt <= now && p.ConsentWithdrawnAt == null && p.ConsentValidTo != null && p.ConsentValidTo > now;

    /// <summary>A member's consent that is in force now.</summary>
    public static Expression<Func<Domain.Groups.GroupMember, bool>> ActiveMemberConsent(DateTimeOffset now) =>
        m => m.ConsentGivenAt <= now && m.ConsentWithdrawnAt == null && (m.ConsentValidTo == null || m.ConsentValidTo > now);

    /// <summary>The plans the user reaches as a participant by consent (not through the team): for "my plans" and due items.</summary>
    public static IQueryable<Guid> PlansReachedAsParticipant(CaseDbContext db, UserContext user, DateTimeOffset now)
    {
        var userId = user.UserId;
        return db.PlanParticipants.Where(p => p.UserId == userId).Where(ActiveParticipantConsent(now)).Select(p => p.PlanId);
    }

    /// <summary>The running groups the user reaches as a member by consent.</summary>
    public static IQueryable<Guid> GroupsReachedAsMember(CaseDbContext db, UserContext user, DateTimeOffset now)
    {
        var userId = user.UserId;
        return db.GroupMembers.Where(m => m.UserId == userId).Where(ActiveMemberConsent(now))
            .Where(m => db.ResponsibilityGroups.Any(g => g.Id == m.GroupId && g.EndedAt == null))
            .Select(m => m.GroupId);
    }

    #endregion

    #region Mentor assignment (mentor programme, ADR-014)

    // A mentor is never on the follow-up's team. Their one ground is an active assignment of their own; the
    // supervising coordinator of an assignment reaches its supervision notes. Anything else answers "not found".

    /// <summary>The mentor's assignments that are active now (not closed, started, not past their planned end).</summary>
    public static IQueryable<Domain.Mentors.MentorAssignment> ActiveAssignmentsOfMentor(CaseDbContext db, UserContext user, DateTimeOffset now)
    {
        var userId = user.UserId;
        // Assignments start and end on Norwegian calendar days.
        var today = OsloTime.DateOf(now);
        return db.MentorAssignments.Where(a => a.MentorUserId == userId && a.ClosedAt == null && a.StartsOn <= today && (a.EndsOn == null || a.EndsOn >= today));
    }

    /// <summary>
    /// The mentor's own active assignment, tracked for a change. Another mentor's, an ended one, or one that does not
    /// exist all answer <see cref="NotFoundException"/>.
    /// </summary>
    public static async Task<Domain.Mentors.MentorAssignment> RequireMentorAssignmentAsync(
        CaseDbContext db, UserContext user, Guid assignmentId, DateTimeOffset now, CancellationToken ct)
    {
        return await ActiveAssignmentsOfMentor(db, user, now).SingleOrDefaultAsync(a => a.Id == assignmentId, ct)
            ?? throw new NotFoundException("MentorAssignment");
    }

    /// <summary>
    /// Supervision notes: the assignment's mentor while it is active, or its supervising coordinator. Nobody else,
    /// not even the follow-up's team.
    /// </summary>
    public static async Task<Domain.Mentors.MentorAssignment> RequireSupervisionAccessAsync(
        CaseDbContext db, UserContext user, Guid assignmentId, DateTimeOffset now, CancellationToken ct)
    {
        var userId = user.UserId;
        var asSupervisor = await db.MentorAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId && a.SupervisorUserId == userId, ct);
        return asSupervisor ?? await RequireMentorAssignmentAsync(db, user, assignmentId, now, ct);
    }

    /// <summary>
    /// The follow-ups whose <paramref name="kind"/> the user can read now, as a query (lists of a record kind): team
    /// membership in the owning agency, a disclosure covering the kind, or an emergency grant.
    /// </summary>
    public static IQueryable<FollowUp> FollowUpsCovering(CaseDbContext db, UserContext user, DateTimeOffset now, RecordKinds kind)
    {
        var userId = user.UserId;
        var agencyId = user.AgencyId;
        var disclosures = ActiveDisclosures(db, user, now);
        var emergencyGrants = ActiveEmergencyGrants(db, user, now);
        return db.FollowUps.Where(f =>
            (f.AgencyId == agencyId && f.Team.Any(m => m.UserId == userId))
            || disclosures.Any(d => d.FollowUpId == f.Id && (d.RecordKinds & kind) == kind)
            || emergencyGrants.Any(e => e.FollowUpId == f.Id));
    }

    #endregion
}
