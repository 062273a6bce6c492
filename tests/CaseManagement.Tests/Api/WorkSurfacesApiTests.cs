using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support;

namespace CaseManagement.Tests.Api;

/// <summary>/api/v1/me/due-items and /api/v1/persons/{id}/timeline: what the caller may see, and 404 for the rest.</summary>
public sealed class WorkSurfacesApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private async Task<(string FollowUpId, string PersonId)> OpenWithExpiringConsentAsync(string familyName)
    {
        var client = await api.ClientForAsync("politi");
        var person = await client.PostAsJsonAsync("/api/v1/persons", new { givenName = "Tid", familyName, dateOfBirth = "2001-02-03" }, Ct);
        var personId = (await person.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var followUp = await client.PostAsJsonAsync("/api/v1/follow-ups", new { personId, concernSource = "School" }, Ct);
        var followUpId = followUp.Headers.Location!.ToString().Split('/')[^1];
        var now = api.Factory.Clock.GetUtcNow();
        var consent = await client.PostAsJsonAsync($"/api/v1/follow-ups/{followUpId}/consents", new
        {
            givenBy = "Person", toUnitId = DemoData.Nav, recordKinds = "FollowUp", purpose = "Samarbeid", method = "Written",
            validFrom = now.AddMinutes(-1), validTo = now.AddDays(7),
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        return (followUpId, personId);
    }

    [Fact]
    public async Task The_lead_gets_the_expiring_consent_in_their_due_items_and_the_privacy_officer_gets_403()
    {
        var (followUpId, _) = await OpenWithExpiringConsentAsync("Frist");
        var police = await api.ClientForAsync("politi");

        var due = await police.GetFromJsonAsync<JsonElement>("/api/v1/me/due-items?kind=ConsentExpiring&pageSize=100", Ct);

        var item = Assert.Single(due.GetProperty("items").EnumerateArray(), i => i.GetProperty("followUpId").GetString() == followUpId);
        Assert.Equal("ConsentExpiring", item.GetProperty("kind").GetString());
        Assert.Equal($"/oppfolginger/{followUpId}", item.GetProperty("link").GetString());
        Assert.True(due.GetProperty("countsByKind").GetProperty("ConsentExpiring").GetInt32() >= 1);

        var privacy = await api.ClientForAsync("personvern");
        Assert.Equal(HttpStatusCode.Forbidden, (await privacy.GetAsync("/api/v1/me/due-items", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_timeline_answers_the_lead_and_is_404_for_another_station_exactly_as_for_an_unknown_id()
    {
        var (followUpId, personId) = await OpenWithExpiringConsentAsync("Tidslinje");
        var police = await api.ClientForAsync("politi");
        var otherStation = await api.ClientForAsync("politi2");

        var timeline = await police.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{personId}/timeline?kind=FollowUpOpened&kind=Consent", Ct);
        Assert.Equal(2, timeline.GetProperty("totalCount").GetInt32());
        Assert.All(timeline.GetProperty("events").EnumerateArray(), e => Assert.Equal(followUpId, e.GetProperty("followUpId").GetString()));

        var hidden = await otherStation.GetAsync($"/api/v1/persons/{personId}/timeline", Ct);
        var unknown = await otherStation.GetAsync($"/api/v1/persons/{Guid.CreateVersion7()}/timeline", Ct);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var hiddenProblem = await hidden.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var unknownProblem = await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct);
        foreach (var field in new[] { "title", "detail", "status", "type" })
        {
            Assert.Equal(
                unknownProblem.TryGetProperty(field, out var u) ? u.ToString() : null,
                hiddenProblem.TryGetProperty(field, out var h) ? h.ToString() : null);
        }
    }

    [Fact]
    public async Task A_reversed_period_is_a_field_error_not_a_500()
    {
        var (_, personId) = await OpenWithExpiringConsentAsync("Periode");
        var police = await api.ClientForAsync("politi");

        var response = await police.GetAsync($"/api/v1/persons/{personId}/timeline?from=2026-05-01&to=2026-04-01", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("fra-datoen", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
