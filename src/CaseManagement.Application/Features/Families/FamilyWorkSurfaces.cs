using CaseManagement.Application.Features.Alerts;
using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Families;

/// <summary>Family guidance sessions planned within a week (or overdue), for the family guides on the follow-up's team.</summary>
internal sealed class FamilyGuidanceDueItems : IDueItemSource
{
    public const int LookAheadDays = 7;

    public async Task<IReadOnlyList<DueItem>> ForUserAsync(CaseDbContext db, UserContext user, DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        if (!user.Can(Capability.GuideFamilies))
        {
            return [];
        }

        var horizon = today.AddDays(LookAheadDays);
        var rows = await (
                from c in db.FamilyGuidanceCourses.AsNoTracking()
                join f in AccessDecision.TeamFollowUps(db, user) on c.FollowUpId equals f.Id
                where c.NextSessionDue != null && c.NextSessionDue <= horizon && f.Status == FollowUpStatus.Open
                select new { c.Id, c.FollowUpId, c.PersonId, c.FamilyLabel, Due = c.NextSessionDue!.Value })
            .ToListAsync(ct);
        return rows.Select(r => new DueItem(
                DueKind.FamilyGuidanceSession, r.FollowUpId, r.PersonId, r.FamilyLabel,
                LocalisedText.Format(Messages.Family_DueSession, r.FamilyLabel), r.Due,
                r.Due < today ? DueSeverity.Overdue : r.Due == today ? DueSeverity.Due : DueSeverity.Upcoming,
                FormattableString.Invariant($"/familier/{r.FollowUpId}/{r.Id}"), r.Id))
            .ToList();
    }
}

/// <summary>Family guidance sessions on the person timeline: date only, for grants covering family guidance.</summary>
internal sealed class FamilyGuidanceTimeline : ITimelineSource
{
    public async Task<IReadOnlyList<TimelineEvent>> ForPersonAsync(CaseDbContext db, TimelineScope scope, CancellationToken ct)
    {
        var followUps = scope.FollowUpsCovering(RecordKinds.FamilyGuidance);
        if (followUps.Count == 0)
        {
            return [];
        }

        var rows = await (
                from s in db.GuidanceSessions.AsNoTracking()
                join c in db.FamilyGuidanceCourses on s.CourseId equals c.Id
                where followUps.Contains(s.FollowUpId) && c.PersonId == scope.PersonId
                select new { s.Id, s.FollowUpId, s.CourseId, s.HeldOn })
            .ToListAsync(ct);
        return rows.Select(s => new TimelineEvent(
                new DateTimeOffset(s.HeldOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), TimelineKind.FamilyGuidanceSession, RecordKinds.FamilyGuidance,
                Messages.Family_TimelineTitle, s.FollowUpId, FormattableString.Invariant($"/familier/{s.FollowUpId}/{s.CourseId}"), s.Id))
            .ToList();
    }
}
