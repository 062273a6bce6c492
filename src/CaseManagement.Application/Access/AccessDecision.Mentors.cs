using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Mentors;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Access;

// Mentor assignments (mentor programme, ADR-014). A mentor is never on the follow-up's team. Their one ground is an
// active assignment of their own; the supervising coordinator of an assignment reaches its supervision notes.
// Anything else answers "not found". The coordinator who assigns works through the follow-up (AccessDecision.FollowUps.cs).
public static partial class AccessDecision
{
    /// <summary>The mentor's assignments that are active now (not closed, started, not past their planned end).</summary>
    public static IQueryable<MentorAssignment> ActiveAssignmentsOfMentor(CaseDbContext db, UserContext user, DateTimeOffset now)
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
    public static async Task<MentorAssignment> RequireMentorAssignmentAsync(
        CaseDbContext db, UserContext user, Guid assignmentId, DateTimeOffset now, CancellationToken ct)
    {
        return await ActiveAssignmentsOfMentor(db, user, now).SingleOrDefaultAsync(a => a.Id == assignmentId, ct)
            ?? throw new NotFoundException("MentorAssignment");
    }

    /// <summary>
    /// Supervision notes: the assignment's mentor while it is active, or its supervising coordinator. Nobody else,
    /// not even the follow-up's team.
    /// </summary>
    public static async Task<MentorAssignment> RequireSupervisionAccessAsync(
        CaseDbContext db, UserContext user, Guid assignmentId, DateTimeOffset now, CancellationToken ct)
    {
        var userId = user.UserId;
        var asSupervisor = await db.MentorAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId && a.SupervisorUserId == userId, ct);
        return asSupervisor ?? await RequireMentorAssignmentAsync(db, user, assignmentId, now, ct);
    }
}
