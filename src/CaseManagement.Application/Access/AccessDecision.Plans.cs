using System.Linq.Expressions;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Access;

/// <summary>What a plan message needs: reading, writing one's own part (measures, notes), or the whole plan.</summary>
public enum PlanOperation
{
    Read,

    /// <summary>A participant's own measures and their notes (the team: any measure).</summary>
    OwnPart,

    /// <summary>The whole plan: header, goals, participants, approval (the team: coordinator and case workers).</summary>
    Coordinate,
}

/// <summary>
/// The answer of <see cref="AccessDecision.RequirePlanAccessAsync"/>: through the follow-up (<see cref="Basis"/>)
/// or as a participant by consent (<see cref="ParticipantId"/>).
/// </summary>
public sealed record PlanAccess(Guid PlanId, Guid FollowUpId, Guid PersonId, AccessBasis? Basis, Guid? ParticipantId, bool IsCoordinator)
{
    public bool IsTeam => Basis == AccessBasis.TeamMember;

    /// <summary>The team edits every measure; a participant only those they are responsible for.</summary>
    public bool MayEditMeasure(Guid responsibleParticipantId) => IsTeam || (ParticipantId is { } own && own == responsibleParticipantId);

    /// <summary>Internal notes and consents are for the team and the participants, not for disclosed or emergency readers.</summary>
    public bool SeesInternalNotes => IsTeam || ParticipantId is not null;

    public Auditing.AccessPurpose Purpose => Basis is { } basis ? AccessDecision.PurposeOf(basis) : Auditing.AccessPurpose.Disclosure;
}

// Individual plans. The follow-up grant covering the plan kind (team: read and write; disclosure or emergency: read),
// or, for a participant who is not on the team, the participant's consent in force: read and their own part, never
// the whole plan. Anything else answers "not found"; a reader who asks to write answers "forbidden".
public static partial class AccessDecision
{
    /// <summary>The user's access to an individual plan, required for <paramref name="operation"/>. Every plan message asks here.</summary>
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

    /// <summary>A participant's consent that is in force now (given, not withdrawn, not expired).</summary>
    public static Expression<Func<PlanParticipant, bool>> ActiveParticipantConsent(DateTimeOffset now) =>
        p => p.ConsentGivenAt != null && p.ConsentGivenAt <= now && p.ConsentWithdrawnAt == null && p.ConsentValidTo != null && p.ConsentValidTo > now;

    /// <summary>The plans the user reaches as a participant by consent (not through the team): for "my plans" and due items.</summary>
    public static IQueryable<Guid> PlansReachedAsParticipant(CaseDbContext db, UserContext user, DateTimeOffset now)
    {
        var userId = user.UserId;
        return db.PlanParticipants.Where(p => p.UserId == userId).Where(ActiveParticipantConsent(now)).Select(p => p.PlanId);
    }
}
