using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Families;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Families;

internal static class FamilyWrites
{
    /// <summary>A course for a change: the user on the follow-up's team (family guidance kind), the follow-up open.</summary>
    public static async Task<(FamilyGuidanceCourse Course, AccessGrant Grant)> LoadCourseAsync(
        CaseDbContext db, UserContext user, Guid followUpId, Guid courseId, string messageName, DateTimeOffset now, CancellationToken ct)
    {
        var grant = await RequireOpenAsync(db, user, followUpId, messageName, now, ct);
        var course = await db.FamilyGuidanceCourses.Include(c => c.Participants)
            .SingleOrDefaultAsync(c => c.Id == courseId && c.FollowUpId == grant.FollowUpId, ct)
            ?? throw new NotFoundException("FamilyGuidanceCourse");
        return (course, grant);
    }

    public static async Task<AccessGrant> RequireOpenAsync(CaseDbContext db, UserContext user, Guid followUpId, string messageName, DateTimeOffset now, CancellationToken ct)
    {
        var grant = await AccessDecision.RequireAsync(db, user, followUpId, RecordKinds.FamilyGuidance, now, ct, write: true, messageName: messageName);
        if (await db.FollowUps.Where(f => f.Id == grant.FollowUpId).Select(f => f.Status).SingleAsync(ct) == FollowUpStatus.Closed)
        {
            throw new RuleViolationException("FollowUpId", Messages.FollowUp_Closed);
        }

        return grant;
    }
}
