using System.Globalization;
using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Conversations;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.WorkSurfaces;

/// <summary>
/// The conversations' contribution to "Mine oppgaver": follow-up conversations coming up or due and agreement
/// reviews due or overdue, on the follow-ups the user is on the team of; and, for a prevention coordinator, the
/// referrals waiting for their unit.
/// </summary>
public sealed class ConversationDueItems : IDueItemSource
{
    /// <summary>How far ahead a follow-up conversation or an agreement review shows up.</summary>
    public const int LookAheadDays = 14;

    public async Task<IReadOnlyList<DueItem>> ForUserAsync(CaseDbContext db, UserContext user, DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        var items = new List<DueItem>();
        var horizon = today.AddDays(LookAheadDays);
        if (user.Can(Capability.HoldConversations))
        {
            var conversations = await (
                    from c in ConversationWork.OnTeam(db, user)
                    join f in db.FollowUps on c.FollowUpId equals f.Id
                    join p in db.Persons on f.PersonId equals p.Id
                    where c.Kind == ConversationKind.FollowUp && c.Date <= horizon
                          && c.State != ConversationState.Held && c.State != ConversationState.Concluded
                          && c.State != ConversationState.Cancelled && c.State != ConversationState.DidNotAttend
                    select new { c.Id, c.FollowUpId, PersonId = p.Id, PersonName = p.GivenName + " " + p.FamilyName, c.Date })
                .ToListAsync(ct);
            items.AddRange(conversations.Select(c => new DueItem(
                DueKind.FollowUpConversation, c.FollowUpId, c.PersonId, c.PersonName,
                Format(Messages.Conv_Due_FollowUpConversation, c.PersonName, c.Date), c.Date, Severity(c.Date, today),
                ConversationLinks.Conversation(c.Id), c.Id)));

            var agreements = await (
                    from a in db.Agreements.AsNoTracking()
                    join f in AccessDecision.TeamFollowUps(db, user) on a.FollowUpId equals f.Id
                    join p in db.Persons on f.PersonId equals p.Id
                    where a.Status == AgreementStatus.Active && a.ReviewOn <= horizon
                          && f.Status == Domain.FollowUps.FollowUpStatus.Open
                    select new { a.Id, a.FollowUpId, PersonId = p.Id, PersonName = p.GivenName + " " + p.FamilyName, a.ReviewOn })
                .ToListAsync(ct);
            items.AddRange(agreements.Select(a => new DueItem(
                DueKind.AgreementReview, a.FollowUpId, a.PersonId, a.PersonName,
                Format(Messages.Conv_Due_AgreementReview, a.PersonName, a.ReviewOn), a.ReviewOn, Severity(a.ReviewOn, today),
                ConversationLinks.Agreements(a.FollowUpId), a.Id)));
        }

        if (user.Can(Capability.HandleReferrals))
        {
            var referrals = await (
                    from r in AccessDecision.ReferralsForRecipient(db, user, now).AsNoTracking()
                    join f in db.FollowUps on r.FollowUpId equals f.Id
                    join p in db.Persons on f.PersonId equals p.Id
                    where r.Status == ReferralStatus.Waiting
                    select new { r.Id, r.FollowUpId, PersonId = p.Id, PersonName = p.GivenName + " " + p.FamilyName, r.Target, r.CreatedAt })
                .ToListAsync(ct);
            items.AddRange(referrals.Select(r =>
            {
                var since = OsloTime.DateOf(r.CreatedAt);
                var target = Messages.ResourceManager.GetString("Conv_Target_" + r.Target, System.Globalization.CultureInfo.CurrentUICulture) ?? r.Target.ToString();
                return new DueItem(
                    DueKind.ReferralWaiting, r.FollowUpId, r.PersonId, r.PersonName,
                    ConversationWrites.Format(Messages.Conv_Due_ReferralWaiting, target, r.PersonName), since, DueSeverity.Due,
                    ConversationLinks.Referrals, r.Id);
            }));
        }

        return items;
    }

    private static string Format(string template, string person, DateOnly date) =>
        ConversationWrites.Format(template, person, date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));

    public static DueSeverity Severity(DateOnly due, DateOnly today) =>
        due < today ? DueSeverity.Overdue : due == today ? DueSeverity.Due : DueSeverity.Upcoming;
}

/// <summary>The conversations and agreements on the person timeline, for the follow-ups whose grant covers Conversations.</summary>
public sealed class ConversationTimeline : ITimelineSource
{
    public async Task<IReadOnlyList<TimelineEvent>> ForPersonAsync(CaseDbContext db, TimelineScope scope, CancellationToken ct)
    {
        var followUps = scope.FollowUpsCovering(RecordKinds.Conversations);
        if (followUps.Count == 0)
        {
            return [];
        }

        var conversations = await db.Conversations.AsNoTracking().Where(c => followUps.Contains(c.FollowUpId))
            .Select(c => new { c.Id, c.FollowUpId, c.Kind, c.State, c.Date }).ToListAsync(ct);
        var agreements = await db.Agreements.AsNoTracking().Where(a => followUps.Contains(a.FollowUpId))
            .Select(a => new { a.Id, a.FollowUpId, a.CreatedAt, a.Status, a.ReviewOn }).ToListAsync(ct);
        var events = conversations.Select(c => new TimelineEvent(
                NoonInOslo(c.Date), TimelineKind.Conversation, RecordKinds.Conversations,
                ConversationWrites.Format(Messages.Conv_Timeline_Conversation, Text("Conv_Kind_" + c.Kind), Text("Conv_State_" + c.State)),
                c.FollowUpId, ConversationLinks.Conversation(c.Id), c.Id))
            .Concat(agreements.Select(a => new TimelineEvent(
                a.CreatedAt, TimelineKind.Agreement, RecordKinds.Conversations,
                ConversationWrites.Format(Messages.Conv_Timeline_Agreement, Text("Conv_AgreementStatus_" + a.Status), a.ReviewOn.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)),
                a.FollowUpId, ConversationLinks.Agreements(a.FollowUpId), a.Id)))
            .ToList();
        return events;
    }

    /// <summary>A conversation has a day, not a time: it is placed at noon of that day in Oslo.</summary>
    public static DateTimeOffset NoonInOslo(DateOnly date)
    {
        var local = date.ToDateTime(new TimeOnly(12, 0));
        return new DateTimeOffset(local, OsloTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static string Text(string key) => Messages.ResourceManager.GetString(key, System.Globalization.CultureInfo.CurrentUICulture) ?? key;
}

/// <summary>Page addresses the shared surfaces link to (ids only).</summary>
public static class ConversationLinks
{
    public const string Referrals = "/henvisninger";

    public static string Conversation(Guid id) => string.Create(CultureInfo.InvariantCulture, $"/samtaler/{id}");

    public static string Agreements(Guid followUpId) => string.Create(CultureInfo.InvariantCulture, $"/oppfolginger/{followUpId}#avtaler");
}
