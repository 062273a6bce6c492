using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CaseManagement.Tests.Support;

namespace CaseManagement.Tests.Api;

/// <summary>
/// Input at the edge of the API (issue 13, item 6): huge page numbers, malformed query parameters and local
/// date-times without an offset. Each gets a specific answer naming the parameter or field, never a 500.
/// </summary>
public sealed class ApiInputTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {body}");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static TheoryData<string, string> ListEndpoints => new()
    {
        { "politi", "/api/v1/persons" },
        { "politi", "/api/v1/follow-ups" },
        { "politi", "/api/v1/conversations" },
        { "politi", "/api/v1/me/due-items" },
        { "admin", "/api/v1/admin/users" },
        { "personvern", "/api/v1/privacy/audit" },
    };

    [Theory]
    [MemberData(nameof(ListEndpoints))]
    public async Task A_page_far_past_the_end_is_empty_with_the_right_total_not_page_one(string user, string path)
    {
        if (user == "personvern")
        {
            // The privacy officer sees only their own agency's audit; a municipal write makes sure it has rows
            // whichever tests ran before in this fixture.
            var created = await (await api.ClientForAsync("saksbehandler")).PostAsJsonAsync("/api/v1/persons", new { givenName = "Side", familyName = "Langt", dateOfBirth = "1999-04-01" }, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var client = await api.ClientForAsync(user);
        var first = await JsonAsync(await client.GetAsync($"{path}?page=1&pageSize=100", Ct), HttpStatusCode.OK);
        Assert.True(first.GetProperty("items").GetArrayLength() > 0, $"{path} needs rows for this test");

        var far = await JsonAsync(await client.GetAsync($"{path}?page={int.MaxValue}&pageSize=100", Ct), HttpStatusCode.OK);

        Assert.Equal(0, far.GetProperty("items").GetArrayLength());
        Assert.Equal(first.GetProperty("totalCount").GetInt32(), far.GetProperty("totalCount").GetInt32());
        Assert.Equal(int.MaxValue, far.GetProperty("pageNumber").GetInt32());
    }

    public static TheoryData<string, string, string, string> MalformedQueries => new()
    {
        // enum
        { "politi", "/api/v1/follow-ups?status=Bogus", "status", "er ikke en gyldig verdi" },
        { "politi", "/api/v1/me/due-items?kind=Bogus", "kind", "er ikke en gyldig verdi" },
        { "politi", $"/api/v1/persons/{Guid.NewGuid()}/timeline?kind=Bogus", "kind", "er ikke en gyldig verdi" },
        // integer
        { "politi", "/api/v1/persons?pageSize=NaN", "pageSize", "må være et heltall" },
        { "politi", "/api/v1/alerts?page=1.5", "page", "må være et heltall" },
        { "politi", "/api/v1/conversations?page=99999999999", "page", "må være et heltall" },
        // date and time
        { "personvern", "/api/v1/privacy/audit?from=2026-13-01", "from", "må være et gyldig tidspunkt" },
        { "personvern", "/api/v1/privacy/review-queue?from=2026-01-01&to=2026-02-30", "to", "må være et gyldig tidspunkt" },
        { "politi", $"/api/v1/persons/{Guid.NewGuid()}/timeline?from=2026-13-01", "from", "må være en gyldig dato" },
        // guid
        { "politi", "/api/v1/follow-ups?personId=not-a-guid", "personId", "må være en gyldig id" },
        { "politi", "/api/v1/family-courses?followUpId=123", "followUpId", "må være en gyldig id" },
        { "personvern", "/api/v1/privacy/audit?userId=x", "userId", "må være en gyldig id" },
        // boolean
        { "politi", "/api/v1/alerts?unhandledOnly=perhaps", "unhandledOnly", "må være true eller false" },
        // missing
        { "personvern", "/api/v1/privacy/review-queue?to=2026-02-01", "from", "må oppgis" },
    };

    [Theory]
    [MemberData(nameof(MalformedQueries))]
    public async Task A_malformed_query_parameter_is_named_with_a_specific_reason(string user, string url, string parameter, string reason)
    {
        var client = await api.ClientForAsync(user);

        var response = await client.GetAsync(url, Ct);

        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.False(errors.TryGetProperty("body", out _), errors.ToString());
        Assert.True(errors.TryGetProperty(parameter, out var messages), errors.ToString());
        var message = messages[0].GetString()!;
        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.StartsWith(parameter, message, StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, string Group)> GroupAsync(string familyName)
    {
        var client = await api.ClientForAsync("saksbehandler");
        var person = await JsonAsync(await client.PostAsJsonAsync("/api/v1/persons", new { givenName = "Tid", familyName, dateOfBirth = "2001-02-03" }, Ct), HttpStatusCode.Created);
        var followUp = await client.PostAsJsonAsync("/api/v1/follow-ups", new { personId = person.GetProperty("id").GetString(), concernSource = "School" }, Ct);
        var view = await JsonAsync(await client.GetAsync(followUp.Headers.Location, Ct), HttpStatusCode.OK);
        var userId = view.GetProperty("team")[0].GetProperty("userId").GetString();
        var today = DateOnly.FromDateTime(api.Factory.Clock.GetUtcNow().UtcDateTime);
        var started = await client.PostAsJsonAsync(
            $"/api/v1/follow-ups/{view.GetProperty("id").GetString()}/group",
            new { convenorUserId = userId, consentGiven = true, consentGivenBy = "Person", consentGivenOn = today }, Ct);
        await JsonAsync(started, HttpStatusCode.Created);
        return (client, started.Headers.Location!.ToString());
    }

    private static StringContent Meeting(string at) =>
        new("{\"at\": \"" + at + "\", \"agenda\": \"Skole\"}", Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_meeting_time_without_an_offset_is_Oslo_time_and_an_explicit_offset_is_kept()
    {
        var (client, group) = await GroupAsync("Osloklokke");

        await JsonAsync(await client.PostAsync($"{group}/meetings", Meeting("2026-06-15T10:00"), Ct), HttpStatusCode.OK);
        await JsonAsync(await client.PostAsync($"{group}/meetings", Meeting("2026-12-15T10:00:00"), Ct), HttpStatusCode.OK);
        await JsonAsync(await client.PostAsync($"{group}/meetings", Meeting("2026-10-25T02:30+01:00"), Ct), HttpStatusCode.OK);
        await JsonAsync(await client.PostAsync($"{group}/meetings", Meeting("2026-03-29T02:30Z"), Ct), HttpStatusCode.OK);

        var view = await JsonAsync(await client.GetAsync(group, Ct), HttpStatusCode.OK);
        var instants = view.GetProperty("meetings").EnumerateArray().Select(m => m.GetProperty("at").GetDateTimeOffset().UtcDateTime).ToHashSet();
        Assert.Contains(new DateTime(2026, 6, 15, 8, 0, 0, DateTimeKind.Utc), instants);   // summer: UTC+2
        Assert.Contains(new DateTime(2026, 12, 15, 9, 0, 0, DateTimeKind.Utc), instants);  // winter: UTC+1
        Assert.Contains(new DateTime(2026, 10, 25, 1, 30, 0, DateTimeKind.Utc), instants); // as given
        Assert.Contains(new DateTime(2026, 3, 29, 2, 30, 0, DateTimeKind.Utc), instants);  // as given
    }

    [Theory]
    [InlineData("2026-03-29T02:30", "finnes ikke i norsk tid")]
    [InlineData("2026-10-25T02:30", "er tvetydig")]
    public async Task A_local_meeting_time_that_does_not_exist_or_is_ambiguous_in_Oslo_is_refused_naming_the_field(string at, string reason)
    {
        var (client, group) = await GroupAsync("Sommertid");
        var before = (await JsonAsync(await client.GetAsync(group, Ct), HttpStatusCode.OK)).GetProperty("meetings").GetArrayLength();

        var problem = await JsonAsync(await client.PostAsync($"{group}/meetings", Meeting(at), Ct), HttpStatusCode.BadRequest);

        var message = problem.GetProperty("errors").GetProperty("at")[0].GetString()!;
        Assert.Contains(reason, message, StringComparison.Ordinal);
        var after = (await JsonAsync(await client.GetAsync(group, Ct), HttpStatusCode.OK)).GetProperty("meetings").GetArrayLength();
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("2026-03-29T02:30", "finnes ikke i norsk tid")]
    [InlineData("2026-10-25T02:30", "er tvetydig")]
    public async Task A_local_time_in_a_query_parameter_follows_the_same_rule(string from, string reason)
    {
        var client = await api.ClientForAsync("personvern");

        var problem = await JsonAsync(await client.GetAsync($"/api/v1/privacy/audit?from={from}", Ct), HttpStatusCode.BadRequest);

        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("from")[0].GetString()!, StringComparison.Ordinal);
    }
}
