using System.Globalization;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Plans;

/// <summary>Plans' and groups' share of the person timeline: approved plan versions, evaluations, group meetings.</summary>
internal sealed class PlanAndGroupTimeline : ITimelineSource
{
    public async Task<IReadOnlyList<TimelineEvent>> ForPersonAsync(CaseDbContext db, TimelineScope scope, CancellationToken ct)
    {
        var events = new List<TimelineEvent>();
        var planFollowUps = scope.FollowUpsCovering(RecordKinds.IndividualPlan);
        if (planFollowUps.Count > 0)
        {
            var versions = await (
                    from v in db.PlanVersions.AsNoTracking()
                    join p in db.IndividualPlans on v.PlanId equals p.Id
                    where p.PersonId == scope.PersonId && planFollowUps.Contains(p.FollowUpId)
                    select new { v.Id, v.Number, v.ApprovedAt, p.FollowUpId, PlanId = p.Id })
                .ToListAsync(ct);
            events.AddRange(versions.Select(v => new TimelineEvent(
                v.ApprovedAt, TimelineKind.PlanVersion, RecordKinds.IndividualPlan,
                PlanAndGroupDueItems.Format(Messages.Plan_TimelineVersion, v.Number.ToString(CultureInfo.CurrentCulture)), v.FollowUpId, PlanAndGroupDueItems.PlanLink(v.PlanId), v.Id)));

            var evaluations = await (
                    from e in db.PlanEvaluations.AsNoTracking()
                    join p in db.IndividualPlans on e.PlanId equals p.Id
                    where p.PersonId == scope.PersonId && planFollowUps.Contains(p.FollowUpId)
                    select new { e.Id, e.RecordedAt, p.FollowUpId, PlanId = p.Id })
                .ToListAsync(ct);
            events.AddRange(evaluations.Select(e => new TimelineEvent(
                e.RecordedAt, TimelineKind.PlanEvaluation, RecordKinds.IndividualPlan, Messages.Plan_TimelineEvaluation, e.FollowUpId,
                PlanAndGroupDueItems.PlanLink(e.PlanId), e.Id)));
        }

        var groupFollowUps = scope.FollowUpsCovering(RecordKinds.ResponsibilityGroup);
        if (groupFollowUps.Count > 0)
        {
            var meetings = await (
                    from m in db.GroupMeetings.AsNoTracking()
                    join g in db.ResponsibilityGroups on m.GroupId equals g.Id
                    where g.PersonId == scope.PersonId && groupFollowUps.Contains(g.FollowUpId)
                    select new { m.Id, m.At, g.FollowUpId, GroupId = g.Id })
                .ToListAsync(ct);
            events.AddRange(meetings.Select(m => new TimelineEvent(
                m.At, TimelineKind.GroupMeeting, RecordKinds.ResponsibilityGroup, Messages.Group_TimelineMeeting, m.FollowUpId,
                PlanAndGroupDueItems.GroupLink(m.GroupId), m.Id)));
        }

        return events;
    }
}
