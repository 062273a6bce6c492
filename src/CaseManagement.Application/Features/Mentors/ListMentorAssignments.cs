using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Mentors;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>Mentor assignments in the follow-ups whose mentor programme the user can read (optionally one follow-up).</summary>
[Requires(Capability.ReadFollowUps)]
public sealed record ListMentorAssignments(Guid? FollowUpId = null, bool ActiveOnly = false, int PageNumber = 1, int PageSize = 50)
    : IQuery<Page<MentorAssignmentSummary>>, IPagedQuery;

public sealed record MentorAssignmentSummary(
    Guid Id,
    Guid FollowUpId,
    Guid PersonId,
    string PersonName,
    string MentorName,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    DateTimeOffset? ClosedAt,
    int PlannedIntervalDays,
    DateOnly? LastSessionOn,
    DateOnly NextDueOn,
    bool IsActive,
    int UnhandledAlerts);

internal sealed class ListMentorAssignmentsValidator : AbstractValidator<ListMentorAssignments>
{
    public ListMentorAssignmentsValidator() => this.AddPagingRules();
}

internal sealed class ListMentorAssignmentsHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<ListMentorAssignments, Page<MentorAssignmentSummary>>
{
    public async ValueTask<Page<MentorAssignmentSummary>> Handle(ListMentorAssignments query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var today = OsloTime.DateOf(now);
        var followUps = AccessDecision.FollowUpsCovering(db, user, now, RecordKinds.MentorProgramme);
        var assignments = db.MentorAssignments.AsNoTracking().Where(a => followUps.Any(f => f.Id == a.FollowUpId));
        if (query.FollowUpId is { } followUpId)
        {
            assignments = assignments.Where(a => a.FollowUpId == followUpId);
        }

        if (query.ActiveOnly)
        {
            assignments = assignments.Where(a => a.ClosedAt == null && (a.EndsOn == null || a.EndsOn >= today));
        }

        var rows =
            from a in assignments
            join p in db.Persons on a.PersonId equals p.Id
            join m in db.Users on a.MentorUserId equals m.Id
            select new
            {
                a,
                PersonName = p.GivenName + " " + p.FamilyName,
                MentorName = m.DisplayName,
                LastSession = db.MentorSessions.Where(s => s.AssignmentId == a.Id).Max(s => (DateOnly?)s.HeldOn),
                Alerts = db.Alerts.Count(al => al.SubjectId == a.Id && al.Recipients.Any(r => r.HandledAt == null)),
            };
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderByDescending(r => r.a.StartsOn).ThenBy(r => r.a.Id)
            .TakePage(query)
            .ToListAsync(cancellationToken);

        await accessLog.RecordAsync(page.Select(r => new AccessRecord(r.a.PersonId, r.a.FollowUpId, "MentorAssignmentList", AccessPurpose.NormalWork)).ToList(), cancellationToken);
        return new Page<MentorAssignmentSummary>(
            page.Select(r => new MentorAssignmentSummary(
                r.a.Id, r.a.FollowUpId, r.a.PersonId, r.PersonName, r.MentorName, r.a.StartsOn, r.a.EndsOn, r.a.ClosedAt, r.a.PlannedIntervalDays,
                r.LastSession, MentorRules.NextDue(r.a.StartsOn, r.LastSession, r.a.PlannedIntervalDays), r.a.IsActiveOn(today), r.Alerts)).ToList(),
            query.PageNumber, query.PageSize, total);
    }
}
