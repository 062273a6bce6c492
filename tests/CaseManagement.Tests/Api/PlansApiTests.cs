using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseManagement.Application.Resources;
using CaseManagement.Tests.Support;

namespace CaseManagement.Tests.Api;

/// <summary>
/// Plans and groups through /api/v1: a case worker runs a plan to an approved version, and the API refuses every
/// change to the approved version and to approved minutes with the rule's message (400), changing nothing.
/// </summary>
public sealed class PlansApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<(HttpClient Client, string FollowUpId, string UserId)> FollowUpAsync(string familyName)
    {
        var client = await api.ClientForAsync("saksbehandler");
        var person = await JsonAsync(await client.PostAsJsonAsync("/api/v1/persons", new { givenName = "Plan", familyName, dateOfBirth = "2001-02-03" }, Ct), HttpStatusCode.Created);
        var followUp = await client.PostAsJsonAsync("/api/v1/follow-ups", new { personId = person.GetProperty("id").GetString(), concernSource = "School" }, Ct);
        var view = await JsonAsync(await client.GetAsync(followUp.Headers.Location, Ct), HttpStatusCode.OK);
        return (client, view.GetProperty("id").GetString()!, view.GetProperty("team")[0].GetProperty("userId").GetString()!);
    }

    [Fact]
    public async Task A_case_worker_runs_a_plan_and_the_approved_version_cannot_be_changed_through_the_api()
    {
        var (client, followUpId, userId) = await FollowUpAsync("Apiplan");
        var today = DateOnly.FromDateTime(api.Factory.Clock.GetUtcNow().UtcDateTime);
        var created = await client.PostAsJsonAsync($"/api/v1/follow-ups/{followUpId}/plan", new
        {
            coordinatorUserId = userId, consentGivenBy = "Person", consentGivenOn = today, personGoals = "Jeg vil ha en jobb.",
            periodFrom = today, periodTo = today.AddMonths(12), nextRevisionOn = today.AddMonths(3),
        }, Ct);
        await JsonAsync(created, HttpStatusCode.Created);
        var plan = created.Headers.Location!.ToString();

        var second = await client.PostAsJsonAsync($"/api/v1/follow-ups/{followUpId}/plan", new
        {
            coordinatorUserId = userId, consentGivenBy = "Person", consentGivenOn = today, personGoals = "Igjen",
            periodFrom = today, periodTo = today.AddMonths(12), nextRevisionOn = today.AddMonths(3),
        }, Ct);
        var problem = await JsonAsync(second, HttpStatusCode.BadRequest);
        Assert.Equal(Messages.Plan_OnePerPerson, problem.GetProperty("errors").GetProperty("followUpId")[0].GetString());

        var goal = (await JsonAsync(await client.PostAsJsonAsync($"{plan}/goals", new { text = "Jobb" }, Ct), HttpStatusCode.OK)).GetProperty("id").GetString();
        var view = await JsonAsync(await client.GetAsync(plan, Ct), HttpStatusCode.OK);
        var coordinator = view.GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("userId").GetString() == userId).GetProperty("id").GetString();
        var measureBody = new { goalId = goal, description = "Praksisplass", responsibleParticipantId = coordinator, responsiblePerson = "Siri", startOn = today, endOn = today.AddDays(60) };
        var measure = (await JsonAsync(await client.PostAsJsonAsync($"{plan}/measures", measureBody, Ct), HttpStatusCode.OK)).GetProperty("id").GetString();
        var endBeforeStart = await JsonAsync(await client.PostAsJsonAsync($"{plan}/measures", measureBody with { endOn = today.AddDays(-1) }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal(Messages.Plan_MeasureEndBeforeStart, endBeforeStart.GetProperty("errors").GetProperty("endOn")[0].GetString());

        var version = (await JsonAsync(await client.GetAsync(plan, Ct), HttpStatusCode.OK)).GetProperty("version").GetString();
        var approved = await JsonAsync(await client.PostAsJsonAsync($"{plan}/approve", new { version }, Ct), HttpStatusCode.OK);
        Assert.Equal(1, approved.GetProperty("number").GetInt32());

        var refused = new[]
        {
            await client.PutAsJsonAsync($"{plan}/measures/{measure}", measureBody with { description = "Endret" }, Ct),
            await client.PostAsJsonAsync($"{plan}/goals", new { text = "Nytt" }, Ct),
            await client.PutAsJsonAsync($"{plan}/goals/{goal}", new { text = "Omdøpt" }, Ct),
            await client.PostAsJsonAsync($"{plan}/approve", new { version }, Ct),
        };
        foreach (var response in refused)
        {
            var body = await JsonAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal(Messages.Plan_ApprovedReadOnly, body.GetProperty("errors").GetProperty("planId")[0].GetString());
        }

        var after = await JsonAsync(await client.GetAsync(plan, Ct), HttpStatusCode.OK);
        Assert.Equal("Praksisplass", after.GetProperty("measures")[0].GetProperty("description").GetString());
        Assert.Equal("Jobb", after.GetProperty("goals")[0].GetProperty("text").GetString());
        Assert.Equal(1, after.GetProperty("versions").GetArrayLength());
        Assert.Equal("Approved", after.GetProperty("status").GetString());

        // Another user of the same unit, not on the team, gets 404 for the plan.
        var colleague = await api.ClientForAsync("ipkoordinator");
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(plan, Ct)).StatusCode);
    }

    [Fact]
    public async Task Approved_minutes_cannot_be_changed_through_the_api()
    {
        var (client, followUpId, userId) = await FollowUpAsync("Apigruppe");
        var today = DateOnly.FromDateTime(api.Factory.Clock.GetUtcNow().UtcDateTime);
        var started = await client.PostAsJsonAsync($"/api/v1/follow-ups/{followUpId}/group", new { convenorUserId = userId, consentGiven = true, consentGivenBy = "Person", consentGivenOn = today }, Ct);
        await JsonAsync(started, HttpStatusCode.Created);
        var group = started.Headers.Location!.ToString();
        var noConsent = await JsonAsync(await client.PostAsJsonAsync($"{group}/members", new { kind = "Relative", name = "Mor", function = "Pårørende", consentGiven = false, consentScope = "Referat" }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal(Messages.Group_MemberNeedsConsent, noConsent.GetProperty("errors").GetProperty("consentGiven")[0].GetString());

        var meeting = (await JsonAsync(await client.PostAsJsonAsync($"{group}/meetings", new { at = api.Factory.Clock.GetUtcNow().AddHours(-1), agenda = "Skole" }, Ct), HttpStatusCode.OK))
            .GetProperty("id").GetString();
        var view = await JsonAsync(await client.GetAsync(group, Ct), HttpStatusCode.OK);
        var meetingVersion = view.GetProperty("meetings")[0].GetProperty("version").GetString();
        var minutes = new { version = meetingVersion, agenda = "Skole", discussion = "Godt oppmøte.", present = Array.Empty<Guid>(), absent = Array.Empty<Guid>(), agreements = new[] { "Fortsette leksehjelp." } };
        await JsonAsync(await client.PutAsJsonAsync($"/api/v1/meetings/{meeting}/minutes", minutes, Ct), HttpStatusCode.OK);
        await JsonAsync(await client.PostAsync($"/api/v1/meetings/{meeting}/send", null, Ct), HttpStatusCode.OK);
        await JsonAsync(await client.PostAsync($"/api/v1/meetings/{meeting}/approve", null, Ct), HttpStatusCode.OK);

        var latest = (await JsonAsync(await client.GetAsync(group, Ct), HttpStatusCode.OK)).GetProperty("meetings")[0].GetProperty("version").GetString();
        var edit = await JsonAsync(await client.PutAsJsonAsync($"/api/v1/meetings/{meeting}/minutes", minutes with { version = latest, discussion = "Omskrevet" }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal(Messages.Group_MinutesApprovedReadOnly, edit.GetProperty("errors").GetProperty("meetingId")[0].GetString());

        var after = (await JsonAsync(await client.GetAsync(group, Ct), HttpStatusCode.OK)).GetProperty("meetings")[0];
        Assert.Equal("Approved", after.GetProperty("minutesStatus").GetString());
        Assert.Equal("Godt oppmøte.", after.GetProperty("discussion").GetString());
    }
}
