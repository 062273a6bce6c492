using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Alerts;
using CaseManagement.Application.Features.Mentors;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Mentors;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Mentors;

/// <summary>
/// The escalation flag (straffeloven § 196): the alert reaches exactly the supervising coordinator and the police
/// contact, in the same transaction as the session, audited; each recipient's handling is recorded.
/// </summary>
public sealed class MentorEscalationTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record World(Guid Coordinator, Guid OtherCoordinator, Guid PoliceContact, Guid OtherPoliceContact, Guid Mentor, Guid FollowUp, Guid Assignment);

    private static async Task<World> WorldAsync(CaseHarness h)
    {
        var coordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var otherCoordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var contact = await h.PoliceContactAsync();
        var otherContact = await h.PoliceContactAsync();
        // The other coordinator is on the team too: being on the team is not being the supervisor.
        var (person, followUp) = await h.FollowUpAsync(DemoData.Municipality, coordinator, (otherCoordinator, CaseManagement.Domain.FollowUps.TeamRole.Member));
        var mentor = await h.MentorWithProfileAsync(DemoData.MentorService, coordinator);
        var assignment = await h.AssignmentAsync(followUp, person, mentor, coordinator, contact);
        return new World(coordinator, otherCoordinator, contact, otherContact, mentor, followUp, assignment);
    }

    private static RecordMentorSession Escalating(Guid assignment, DateOnly day) => new(
        assignment, day, SessionArena.Home, 45, SessionType.Conversation, "Snakket om planer for helgen (hemmelig innhold)",
        RiskFactors: "Nevnte våpen", EscalationFlag: true);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_alert_reaches_exactly_the_supervising_coordinator_and_the_police_contact(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var w = await WorldAsync(h);

        var recorded = await h.SendAsync(w.Mentor, Escalating(w.Assignment, h.Today()));

        Assert.NotNull(recorded.AlertId);
        var recipients = await h.WithDbAsync(db => db.AlertRecipients.Where(r => r.AlertId == recorded.AlertId).Select(r => r.UserId).ToListAsync(Ct));
        Assert.Equal(new[] { w.Coordinator, w.PoliceContact }.Order(), recipients.Order());

        var forCoordinator = Assert.Single((await h.SendAsync(w.Coordinator, new ListMyAlerts())).Items);
        Assert.Equal(recorded.AlertId, forCoordinator.Id);
        Assert.Equal("Amir (26 år)", forCoordinator.SubjectLabel);
        Assert.NotNull(forCoordinator.RecordLink);
        var forPolice = Assert.Single((await h.SendAsync(w.PoliceContact, new ListMyAlerts())).Items);
        // The police see the alert only: no link into the municipal record, and the session needs a disclosure.
        Assert.Null(forPolice.RecordLink);
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(w.PoliceContact, new GetMentorAssignment(w.FollowUp, w.Assignment)));

        Assert.Empty((await h.SendAsync(w.OtherCoordinator, new ListMyAlerts())).Items);
        Assert.Empty((await h.SendAsync(w.OtherPoliceContact, new ListMyAlerts())).Items);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(w.Mentor, new ListMyAlerts()));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(w.OtherCoordinator, new HandleAlert(recorded.AlertId!.Value, "Prøver å håndtere")));

        // No session content in the alert: only ids, the mentee's first name and age.
        var alert = await h.WithDbAsync(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Id == recorded.AlertId, Ct));
        Assert.DoesNotContain("hemmelig", alert.SubjectLabel, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("våpen", alert.SubjectLabel, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(recorded.Id, alert.SourceId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_alert_is_audited_with_the_session_and_tops_the_recipients_due_items_until_handled(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var w = await WorldAsync(h);

        var recorded = await h.SendAsync(w.Mentor, Escalating(w.Assignment, h.Today()));
        var alertId = recorded.AlertId!.Value;

        var raisedEvent = Assert.Single(
            await h.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => db.AuditSubjects.Any(s => s.AuditEventId == e.Id && s.EntityType == "Alert")).ToListAsync(Ct)),
            e => e.Changes.Any(c => c.EntityType == "Alert" && c.EntityId == alertId.ToString()));
        Assert.Equal(nameof(RecordMentorSession), raisedEvent.MessageName);
        Assert.Equal(w.Mentor, raisedEvent.UserId);
        Assert.Contains(raisedEvent.Changes, c => c.EntityType == "MentorSession" && c.Field == "EscalationFlag" && c.NewValue == "True");
        Assert.Equal(2, raisedEvent.Changes.Count(c => c.EntityType == "AlertRecipient" && c.Field == "UserId"));
        Assert.True(raisedEvent.Changes.Single(c => c.EntityType == "MentorSession" && c.Field == "Topics").IsEncrypted);

        foreach (var recipient in new[] { w.Coordinator, w.PoliceContact })
        {
            var items = await h.DueItemsAsync(recipient);
            var top = items.OrderByDescending(i => i.Severity).First();
            Assert.Equal((DueKind.EscalationAlert, DueSeverity.Critical, alertId), (top.Kind, top.Severity, top.SourceId));
        }

        Assert.DoesNotContain(await h.DueItemsAsync(w.OtherCoordinator), i => i.Kind == DueKind.EscalationAlert);

        await h.SendAsync(w.Coordinator, new HandleAlert(alertId, "Ringte mentoren, varslet politiets vakthavende."));

        var handled = Assert.Single((await h.SendAsync(w.Coordinator, new ListMyAlerts())).Items);
        Assert.NotNull(handled.HandledAt);
        Assert.Equal("Ringte mentoren, varslet politiets vakthavende.", handled.HandlingNote);
        Assert.Contains(handled.Recipients, r => r.HandledAt is null);
        Assert.DoesNotContain(await h.DueItemsAsync(w.Coordinator), i => i.Kind == DueKind.EscalationAlert);
        Assert.Contains(await h.DueItemsAsync(w.PoliceContact), i => i.Kind == DueKind.EscalationAlert);

        var handling = await h.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.MessageName == nameof(HandleAlert) && e.UserId == w.Coordinator).ToListAsync(Ct));
        var changes = Assert.Single(handling).Changes;
        Assert.True(changes.Single(c => c.Field == "HandlingNote").IsEncrypted);
        Assert.Contains(changes, c => c.Field == "HandledByUserId" && c.NewValue == w.Coordinator.ToString());

        var again = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(w.Coordinator, new HandleAlert(alertId, "En gang til")));
        Assert.Equal(nameof(HandleAlert.AlertId), again.Field);

        // The coordinator's view of the assignment shows each recipient's handling.
        var view = await h.SendAsync(w.Coordinator, new GetMentorAssignment(w.FollowUp, w.Assignment));
        var shown = Assert.Single(view.Alerts);
        Assert.Equal(1, shown.Recipients.Count(r => r.HandledAt is not null));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_session_without_the_flag_raises_no_alert(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var w = await WorldAsync(h);

        var recorded = await h.SendAsync(w.Mentor, Escalating(w.Assignment, h.Today()) with { EscalationFlag = false, MentorWellbeingFlag = true });

        Assert.Null(recorded.AlertId);
        Assert.Empty((await h.SendAsync(w.Coordinator, new ListMyAlerts())).Items);
        Assert.Equal(0, await h.SendAsync(w.PoliceContact, new CountMyUnhandledAlerts()));
        Assert.True((await h.SendAsync(w.Coordinator, new GetMentorAssignment(w.FollowUp, w.Assignment))).Sessions.Single().MentorWellbeingFlag);
    }
}
