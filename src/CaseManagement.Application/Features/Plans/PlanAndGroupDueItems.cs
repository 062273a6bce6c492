using System.Globalization;
using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Groups;
using CaseManagement.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Plans;

/// <summary>
/// Plans' and groups' share of "Mine oppgaver": revisions due (coordinator), measures to evaluate (responsible
/// participant), group tasks (owner), minutes to send (convenor) or to comment (members), and participant or
/// member consents expiring within 30 days (coordinator, convenor). Only what the user still reaches.
/// </summary>
internal sealed class PlanAndGroupDueItems : IDueItemSource
{
    private const int LookAheadDays = 14;
    private const int ConsentLookAheadDays = 30;
    private const int CommentDays = 7;

    public async Task<IReadOnlyList<DueItem>> ForUserAsync(CaseDbContext db, UserContext user, DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        var userId = user.UserId;
        var horizon = today.AddDays(LookAheadDays);
        var reachable = db.ReachableFollowUps(user, now).Select(f => f.Id);
        var asParticipant = AccessDecision.PlansReachedAsParticipant(db, user, now);
        var asMember = AccessDecision.GroupsReachedAsMember(db, user, now);
        var items = new List<DueItem>();

        var persons = db.Persons.Select(p => new { p.Id, Name = p.GivenName + " " + p.FamilyName });

        var revisions = await (
                from p in db.IndividualPlans.AsNoTracking()
                join person in persons on p.PersonId equals person.Id
                where p.CoordinatorUserId == userId && reachable.Contains(p.FollowUpId) && p.NextRevisionOn <= horizon
                select new { p.Id, p.FollowUpId, p.PersonId, person.Name, p.NextRevisionOn })
            .ToListAsync(ct);
        items.AddRange(revisions.Select(r => new DueItem(
            DueKind.PlanRevision, r.FollowUpId, r.PersonId, r.Name, Messages.Plan_DueRevision, r.NextRevisionOn, Severity(r.NextRevisionOn, today), PlanLink(r.Id), r.Id)));

        var evaluations = await (
                from m in db.PlanMeasures.AsNoTracking()
                join pp in db.PlanParticipants on m.ResponsibleParticipantId equals pp.Id
                join p in db.IndividualPlans on m.PlanId equals p.Id
                join person in persons on p.PersonId equals person.Id
                where pp.UserId == userId && m.EndOn <= horizon
                    && m.Status != MeasureStatus.Completed && m.Status != MeasureStatus.Stopped
                    && (reachable.Contains(p.FollowUpId) || asParticipant.Contains(p.Id))
                select new { m.Id, PlanId = p.Id, p.FollowUpId, p.PersonId, person.Name, m.Description, m.EndOn })
            .ToListAsync(ct);
        items.AddRange(evaluations.Select(e => new DueItem(
            DueKind.PlanEvaluation, e.FollowUpId, e.PersonId, e.Name, Format(Messages.Plan_DueEvaluation, Short(e.Description)), e.EndOn, Severity(e.EndOn, today),
            PlanLink(e.PlanId), e.Id)));

        var consentHorizon = now.AddDays(ConsentLookAheadDays);
        var participantConsents = (await (
                from pp in db.PlanParticipants.AsNoTracking()
                join p in db.IndividualPlans on pp.PlanId equals p.Id
                join person in persons on p.PersonId equals person.Id
                where p.CoordinatorUserId == userId && reachable.Contains(p.FollowUpId)
                    && pp.ConsentWithdrawnAt == null && pp.ConsentValidTo != null
                select new { pp.Id, PlanId = p.Id, p.FollowUpId, p.PersonId, person.Name, Participant = pp.Name, pp.ConsentValidTo })
            .ToListAsync(ct))
            .Where(c => c.ConsentValidTo > now && c.ConsentValidTo <= consentHorizon);
        items.AddRange(participantConsents.Select(c => new DueItem(
            DueKind.ConsentExpiring, c.FollowUpId, c.PersonId, c.Name, Format(Messages.Plan_DueConsentExpiring, c.Participant), Day(c.ConsentValidTo!.Value),
            Severity(Day(c.ConsentValidTo.Value), today), PlanLink(c.PlanId), c.Id)));

        var tasks = await (
                from t in db.GroupTasks.AsNoTracking()
                join m in db.GroupMembers on t.OwnerMemberId equals m.Id
                join g in db.ResponsibilityGroups on t.GroupId equals g.Id
                join person in persons on g.PersonId equals person.Id
                where m.UserId == userId && t.Status == GroupTaskStatus.Open && t.DueOn <= horizon && g.EndedAt == null
                    && (reachable.Contains(g.FollowUpId) || asMember.Contains(g.Id))
                select new { t.Id, GroupId = g.Id, g.FollowUpId, g.PersonId, person.Name, t.Text, t.DueOn })
            .ToListAsync(ct);
        items.AddRange(tasks.Select(t => new DueItem(
            DueKind.GroupTask, t.FollowUpId, t.PersonId, t.Name, Format(Messages.Group_DueTask, Short(t.Text)), t.DueOn, Severity(t.DueOn, today), GroupLink(t.GroupId), t.Id)));

        var toSend = (await (
                from m in db.GroupMeetings.AsNoTracking()
                join g in db.ResponsibilityGroups on m.GroupId equals g.Id
                join person in persons on g.PersonId equals person.Id
                where g.ConvenorUserId == userId && g.EndedAt == null && m.MinutesStatus == MinutesStatus.Draft && reachable.Contains(g.FollowUpId)
                select new { m.Id, GroupId = g.Id, g.FollowUpId, g.PersonId, person.Name, m.At })
            .ToListAsync(ct))
            .Where(m => m.At <= now);
        items.AddRange(toSend.Select(m => new DueItem(
            DueKind.MinutesToSend, m.FollowUpId, m.PersonId, m.Name, Messages.Group_DueMinutesToSend, Day(m.At), Severity(Day(m.At).AddDays(CommentDays), today),
            GroupLink(m.GroupId), m.Id)));

        var toComment = await (
                from m in db.GroupMeetings.AsNoTracking()
                join g in db.ResponsibilityGroups on m.GroupId equals g.Id
                join person in persons on g.PersonId equals person.Id
                where asMember.Contains(g.Id) && g.ConvenorUserId != userId && m.MinutesStatus == MinutesStatus.SentForComment
                    && !db.MinutesComments.Any(c => c.MeetingId == m.Id && c.UserId == userId)
                select new { m.Id, GroupId = g.Id, g.FollowUpId, g.PersonId, person.Name, m.SentAt })
            .ToListAsync(ct);
        items.AddRange(toComment.Select(m =>
        {
            var due = Day(m.SentAt ?? now).AddDays(CommentDays);
            return new DueItem(DueKind.MinutesToComment, m.FollowUpId, m.PersonId, m.Name, Messages.Group_DueMinutesToComment, due, Severity(due, today), GroupLink(m.GroupId), m.Id);
        }));

        var memberConsents = (await (
                from gm in db.GroupMembers.AsNoTracking()
                join g in db.ResponsibilityGroups on gm.GroupId equals g.Id
                join person in persons on g.PersonId equals person.Id
                where g.ConvenorUserId == userId && g.EndedAt == null && reachable.Contains(g.FollowUpId)
                    && gm.ConsentWithdrawnAt == null && gm.ConsentValidTo != null
                select new { gm.Id, GroupId = g.Id, g.FollowUpId, g.PersonId, person.Name, Member = gm.Name, gm.ConsentValidTo })
            .ToListAsync(ct))
            .Where(c => c.ConsentValidTo > now && c.ConsentValidTo <= consentHorizon);
        items.AddRange(memberConsents.Select(c => new DueItem(
            DueKind.ConsentExpiring, c.FollowUpId, c.PersonId, c.Name, Format(Messages.Group_DueConsentExpiring, c.Member), Day(c.ConsentValidTo!.Value),
            Severity(Day(c.ConsentValidTo.Value), today), GroupLink(c.GroupId), c.Id)));

        return items;
    }

    internal static string PlanLink(Guid planId) => string.Create(CultureInfo.InvariantCulture, $"/planer/{planId}");

    internal static string GroupLink(Guid groupId) => string.Create(CultureInfo.InvariantCulture, $"/ansvarsgrupper/{groupId}");

    private static DueSeverity Severity(DateOnly due, DateOnly today) =>
        due < today ? DueSeverity.Overdue : due == today ? DueSeverity.Due : DueSeverity.Upcoming;

    private static DateOnly Day(DateTimeOffset at) => OsloTime.DateOf(at);

    /// <summary>Resource templates differ per culture, so they are parsed per call, not cached.</summary>
    internal static string Format(string template, string value) =>
        string.Format(CultureInfo.CurrentCulture, System.Text.CompositeFormat.Parse(template), value);

    private static string Short(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 59), "…");
}
