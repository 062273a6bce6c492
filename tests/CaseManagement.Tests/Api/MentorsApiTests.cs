using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseManagement.Application.Data;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Mentors;
using CaseManagement.Domain.Persons;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Api;

/// <summary>
/// The mentor programme and family guidance through the HTTP API: a mentor reaches only their own active mentees
/// (another mentor's answers 404), bad sessions are refused with problem details, and a family-scoped read never
/// returns another family's rows.
/// </summary>
public sealed class MentorsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private Task<(Guid Mine, Guid Other)> AssignmentsAsync() =>
        api.Factory.WithDbAsync(async db =>
        {
            var mentor = await db.Users.Where(u => u.UserName == "mentor").Select(u => u.Id).SingleAsync(Ct);
            var mine = await db.MentorAssignments.Where(a => a.MentorUserId == mentor).Select(a => a.Id).FirstAsync(Ct);
            var coordinator = await db.Users.Where(u => u.UserName == "koordinator").Select(u => u.Id).SingleAsync(Ct);
            var contact = await db.Users.Where(u => u.UserName == "radkontakt").Select(u => u.Id).SingleAsync(Ct);
            var now = api.Factory.Clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var otherMentor = new AppUser { Id = Guid.CreateVersion7(), UserName = "mentor-" + Guid.NewGuid().ToString("N"), DisplayName = "Annen Mentor", UnitId = DemoData.MentorService };
            var person = Person.Register(Guid.CreateVersion7(), DemoData.Municipality, new PersonDetails("Skjult", "Mentee", new DateOnly(2002, 2, 2), null, null, null, null, "norsk", false), now);
            var followUp = FollowUp.Open(Guid.CreateVersion7(), person.Id, DemoData.Municipality, ConcernSource.Other, RetentionClass.MunicipalService, coordinator, now);
            var other = MentorAssignment.Create(
                Guid.CreateVersion7(), followUp.Id, person.Id, otherMentor.Id, coordinator, contact, ReferralSource.Other, "Test", today.AddDays(-3), "Skjulte mål", 7,
                MentorSafetyRisk.Low, "Lav", today.AddDays(-2), null, coordinator, now);
            db.AddRange(otherMentor, person, followUp, other);
            await db.SaveChangesAsync(Ct);
            return (mine, other.Id);
        });

    private static object Session(string day, int minutes = 60, bool escalate = false) =>
        new { heldOn = day, arena = "Cafe", durationMinutes = minutes, type = "Conversation", topics = "Skole", escalationFlag = escalate };

    [Fact]
    public async Task A_mentor_gets_404_for_another_mentors_mentee_and_sessions_and_nothing_is_stored()
    {
        var (mine, other) = await AssignmentsAsync();
        var mentor = await api.ClientForAsync("mentor");

        var list = await mentor.GetFromJsonAsync<JsonElement>("/api/v1/my/mentees", Ct);
        var ids = list.EnumerateArray().Select(m => m.GetProperty("assignmentId").GetGuid()).ToList();
        Assert.Contains(mine, ids);
        Assert.DoesNotContain(other, ids);
        var first = list.EnumerateArray().First(m => m.GetProperty("assignmentId").GetGuid() == mine);
        // The minimal profile only: no family name, person id, follow-up or identity number.
        Assert.Equal(
            ["age", "assignmentId", "firstName", "goals", "lastSessionOn", "nextDueOn", "plannedIntervalDays"],
            first.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await mentor.GetAsync($"/api/v1/my/mentees/{mine}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mentor.GetAsync($"/api/v1/my/mentees/{other}", Ct)).StatusCode);
        var post = await mentor.PostAsJsonAsync($"/api/v1/my/mentees/{other}/sessions", Session("2026-11-25"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mentor.GetAsync($"/api/v1/mentor-assignments/{other}/supervision-notes", Ct)).StatusCode);
        // The coordinator's endpoints are not a mentor's at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.GetAsync("/api/v1/mentor-assignments", Ct)).StatusCode);
        Assert.Equal(0, await api.Factory.WithDbAsync(db => db.MentorSessions.CountAsync(s => s.AssignmentId == other, Ct)));
    }

    [Fact]
    public async Task Bad_sessions_are_refused_with_the_field_named_and_an_escalation_alerts_the_coordinator_and_the_police_contact()
    {
        var (mine, _) = await AssignmentsAsync();
        var mentor = await api.ClientForAsync("mentor");
        var before = await api.Factory.WithDbAsync(db => db.MentorSessions.CountAsync(s => s.AssignmentId == mine, Ct));

        var future = await mentor.PostAsJsonAsync($"/api/v1/my/mentees/{mine}/sessions", Session("2026-11-27"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("\"heldOn\"", await future.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var tooLong = await mentor.PostAsJsonAsync($"/api/v1/my/mentees/{mine}/sessions", Session("2026-11-25", minutes: 1441), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("\"durationMinutes\"", await tooLong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var sneaky = await mentor.PostAsJsonAsync($"/api/v1/my/mentees/{mine}/sessions", new { heldOn = "2026-11-25", arena = "Cafe", durationMinutes = 30, type = "Conversation", topics = "x", mentorUserId = Guid.NewGuid() }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, sneaky.StatusCode);
        Assert.Equal(before, await api.Factory.WithDbAsync(db => db.MentorSessions.CountAsync(s => s.AssignmentId == mine, Ct)));

        var created = await mentor.PostAsJsonAsync($"/api/v1/my/mentees/{mine}/sessions", Session("2026-11-25", escalate: true), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var alertId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("alertId").GetGuid();

        foreach (var recipient in new[] { "koordinator", "radkontakt" })
        {
            var alerts = await (await api.ClientForAsync(recipient)).GetFromJsonAsync<JsonElement>("/api/v1/alerts?unhandledOnly=true", Ct);
            Assert.Contains(alerts.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetGuid() == alertId);
        }

        var police = await api.ClientForAsync("radkontakt");
        var policeView = (await police.GetFromJsonAsync<JsonElement>("/api/v1/alerts", Ct)).GetProperty("items").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == alertId);
        Assert.Equal(JsonValueKind.Null, policeView.GetProperty("recordLink").ValueKind);
        var saksbehandler = await api.ClientForAsync("saksbehandler");
        Assert.Equal(HttpStatusCode.NotFound, (await saksbehandler.PostAsJsonAsync($"/api/v1/alerts/{alertId}/handle", new { note = "Ikke min" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await police.PostAsJsonAsync($"/api/v1/alerts/{alertId}/handle", new { note = "Vurdert av radikaliseringskontakt." }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await police.PostAsJsonAsync($"/api/v1/alerts/{alertId}/handle", new { note = "To ganger" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_family_scoped_read_never_returns_another_familys_rows()
    {
        var guide = await api.ClientForAsync("familieveileder");
        var courses = await guide.GetFromJsonAsync<JsonElement>("/api/v1/family-courses", Ct);
        var demo = courses.GetProperty("items").EnumerateArray().First(c => c.GetProperty("familyLabel").GetString() == "Familien Ødegård");
        var followUp = demo.GetProperty("followUpId").GetGuid();
        var courseA = demo.GetProperty("id").GetGuid();

        // A second family on the same follow-up, and a group session both attended.
        var started = await guide.PostAsJsonAsync($"/api/v1/follow-ups/{followUp}/family-courses", new
        {
            familyLabel = "Familien Nettverk", startedOn = "2026-11-20", participants = new[] { new { name = "Nina Nabo", relation = "NetworkMember", isClient = false } },
            supportNeeds = "Naboen ønsker råd om hvordan hun kan støtte.",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var courseB = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var group = (await (await guide.PostAsJsonAsync("/api/v1/family-groups", new { name = "Foreldregruppe " + Guid.NewGuid().ToString("N")[..4] }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var naming = await guide.PostAsJsonAsync($"/api/v1/family-groups/{group}/sessions", new
        {
            heldOn = "2026-11-24", topics = "Felles tema", courseIds = new[] { courseA, courseB }, groupNotes = "Nina Nabo delte mye.",
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, naming.StatusCode);
        Assert.Contains("\"groupNotes\"", await naming.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var perFamilyField = await guide.PostAsJsonAsync($"/api/v1/family-groups/{group}/sessions", new
        {
            heldOn = "2026-11-24", topics = "Felles tema", courseIds = new[] { courseA }, familyNotes = new { courseA = "privat" },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, perFamilyField.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await guide.PostAsJsonAsync($"/api/v1/family-groups/{group}/sessions", new
        {
            heldOn = "2026-11-24", topics = "Felles tema", courseIds = new[] { courseA, courseB }, groupNotes = "Gruppen ønsker flere samlinger.",
        }, Ct)).StatusCode);

        var a = await guide.GetStringAsync($"/api/v1/follow-ups/{followUp}/family-courses/{courseA}", Ct);
        Assert.Contains("Gruppen ønsker flere samlinger.", a, StringComparison.Ordinal);
        Assert.DoesNotContain("Nina", a, StringComparison.Ordinal);
        Assert.DoesNotContain("Familien Nettverk", a, StringComparison.Ordinal);
        Assert.DoesNotContain("Naboen", a, StringComparison.Ordinal);
        Assert.DoesNotContain(courseB.ToString(), a, StringComparison.Ordinal);

        // Another unit's user, and a mentor, cannot read the family at all.
        Assert.Equal(HttpStatusCode.NotFound, (await (await api.ClientForAsync("saksbehandler")).GetAsync($"/api/v1/follow-ups/{followUp}/family-courses/{courseA}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.ClientForAsync("mentor")).GetAsync($"/api/v1/follow-ups/{followUp}/family-courses/{courseA}", Ct)).StatusCode);
    }
}
