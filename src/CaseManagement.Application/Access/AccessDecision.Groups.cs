using System.Linq.Expressions;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Groups;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Access;

/// <summary>What a group message needs: reading, a member's own contribution (comments, own tasks), or convening.</summary>
public enum GroupOperation
{
    Read,
    OwnPart,
    Convene,
}

/// <summary>The answer of <see cref="AccessDecision.RequireGroupAccessAsync"/>.</summary>
public sealed record GroupAccess(Guid GroupId, Guid FollowUpId, Guid PersonId, AccessBasis? Basis, Guid? MemberId, bool IsConvenor)
{
    public bool IsTeam => Basis == AccessBasis.TeamMember;

    /// <summary>The team changes every task; a member only the tasks they own.</summary>
    public bool MayChangeTask(Guid ownerMemberId) => IsTeam || (MemberId is { } own && own == ownerMemberId);

    public Auditing.AccessPurpose Purpose => Basis is { } basis ? AccessDecision.PurposeOf(basis) : Auditing.AccessPurpose.Disclosure;
}

// Responsibility groups. The follow-up grant covering the group kind, or, for a member not on the team, the member's
// consent in force while the group runs: read and their own part, never convening. Ending the group or withdrawing
// consent ends a member's access at once.
public static partial class AccessDecision
{
    /// <summary>The user's access to a responsibility group, required for <paramref name="operation"/>.</summary>
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

    /// <summary>A member's consent that is in force now.</summary>
    public static Expression<Func<GroupMember, bool>> ActiveMemberConsent(DateTimeOffset now) =>
        m => m.ConsentGivenAt <= now && m.ConsentWithdrawnAt == null && (m.ConsentValidTo == null || m.ConsentValidTo > now);

    /// <summary>The running groups the user reaches as a member by consent.</summary>
    public static IQueryable<Guid> GroupsReachedAsMember(CaseDbContext db, UserContext user, DateTimeOffset now)
    {
        var userId = user.UserId;
        return db.GroupMembers.Where(m => m.UserId == userId).Where(ActiveMemberConsent(now))
            .Where(m => db.ResponsibilityGroups.Any(g => g.Id == m.GroupId && g.EndedAt == null))
            .Select(m => m.GroupId);
    }
}
