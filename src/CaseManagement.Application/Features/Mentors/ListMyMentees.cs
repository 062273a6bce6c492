using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>"Mine mentees": the mentor's active assignments, each with the mentee's minimal profile only.</summary>
[Requires(Capability.ReadOwnMentees)]
public sealed record ListMyMentees : IQuery<IReadOnlyList<MenteeSummary>>;

/// <summary>
/// What a mentor sees of a mentee: first name, age, agreed goals, planned frequency, and when the next session is
/// due. No family name, identity number, contact details or follow-up.
/// </summary>
public sealed record MenteeSummary(Guid AssignmentId, string FirstName, int Age, string Goals, int PlannedIntervalDays, DateOnly? LastSessionOn, DateOnly NextDueOn);

internal sealed class ListMyMenteesHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<ListMyMentees, IReadOnlyList<MenteeSummary>>
{
    public async ValueTask<IReadOnlyList<MenteeSummary>> Handle(ListMyMentees query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var today = OsloTime.DateOf(now);
        var userId = user.UserId;
        var rows = await (
                from a in AccessDecision.ActiveAssignmentsOfMentor(db, user, now).AsNoTracking()
                join p in db.Persons on a.PersonId equals p.Id
                select new
                {
                    a.Id, a.PersonId, a.FollowUpId, p.GivenName, p.DateOfBirth, a.Goals, a.PlannedIntervalDays, a.StartsOn,
                    LastSession = db.MentorSessions.Where(s => s.AssignmentId == a.Id && s.MentorUserId == userId).Max(s => (DateOnly?)s.HeldOn),
                })
            .ToListAsync(cancellationToken);
        await accessLog.RecordAsync(rows.Select(r => new AccessRecord(r.PersonId, r.FollowUpId, "MenteeList", AccessPurpose.NormalWork)).ToList(), cancellationToken);
        return rows
            .Select(r => new MenteeSummary(
                r.Id, r.GivenName, Domain.Persons.Age.At(r.DateOfBirth, today), r.Goals, r.PlannedIntervalDays, r.LastSession,
                MentorRules.NextDue(r.StartsOn, r.LastSession, r.PlannedIntervalDays)))
            .OrderBy(r => r.NextDueOn).ThenBy(r => r.FirstName, StringComparer.CurrentCulture)
            .ToList();
    }
}
