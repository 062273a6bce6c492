using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseManagement.Tests.Support;

namespace CaseManagement.Tests.Api;

/// <summary>The conversation use cases through /api/v1: the whole flow for an adult, refusals as problem details naming the field, 409 on a stale version, 404 for others.</summary>
public sealed class ConversationsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    // The served app's (fake) clock decides what "today" is, not the machine's.
    private string Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(api.Factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo")).DateTime)
        .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    private static async Task<string> VersionAsync(HttpClient client, string conversation) =>
        (await JsonAsync(await client.GetAsync(conversation, Ct))).GetProperty("version").GetString()!;

    private static async Task MoveAsync(HttpClient client, string conversation, string target)
    {
        var response = await client.PostAsJsonAsync($"{conversation}/transitions", new { version = await VersionAsync(client, conversation), target }, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{target}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    private static async Task<string> FieldOfProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        return Assert.Single(errors.EnumerateObject()).Name;
    }

    [Fact]
    public async Task A_police_officer_holds_a_conversation_with_an_adult_and_records_an_agreement_through_the_api()
    {
        var police = await api.ClientForAsync("politi");
        var person = await police.PostAsJsonAsync("/api/v1/persons", new { givenName = "Api", familyName = "Samtale", dateOfBirth = "1999-04-01" }, Ct);
        var personId = (await JsonAsync(person)).GetProperty("id").GetString();
        var followUp = (await police.PostAsJsonAsync("/api/v1/follow-ups", new { personId, concernSource = "Online" }, Ct)).Headers.Location!.ToString();

        var registered = await police.PostAsJsonAsync($"{followUp}/conversations", new { kind = "Concern", date = Today, concernSource = "Online", concernDescription = "Deler voldelig innhold." }, Ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var conversation = registered.Headers.Location!.ToString();

        // An impossible transition names the field and the states.
        var jump = await police.PostAsJsonAsync($"{conversation}/transitions", new { version = await VersionAsync(police, conversation), target = "Held" }, Ct);
        Assert.Equal("target", await FieldOfProblemAsync(jump));

        await MoveAsync(police, conversation, "Assessed");
        var ordered = await police.PostAsJsonAsync($"{conversation}/transitions", new { version = await VersionAsync(police, conversation), target = "Ordered" }, Ct);
        Assert.Equal("track", await FieldOfProblemAsync(ordered));

        var prepared = await police.PutAsJsonAsync($"{conversation}/preparation", new
        {
            version = await VersionAsync(police, conversation), date = Today, track = "Voluntary", guardiansInvited = false,
            participants = new[] { new { name = "Api Samtale", capacity = "Person", parts = "WithPerson" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, prepared.StatusCode);
        await MoveAsync(police, conversation, "Invited");
        await MoveAsync(police, conversation, "Prepared");
        await MoveAsync(police, conversation, "Held");

        // A stale version is a conflict.
        var stale = await VersionAsync(police, conversation);
        var record = new { version = stale, date = Today, toldPurpose = true, toldVoluntary = true, toldWhatIsRecorded = true, lifeAreas = new[] { new { area = "Online", risk = 3, protective = 0 } } };
        Assert.Equal(HttpStatusCode.OK, (await police.PutAsJsonAsync($"{conversation}/record", record, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await police.PutAsJsonAsync($"{conversation}/record", record, Ct)).StatusCode);

        // A future date for the held conversation is refused on its field.
        var future = await police.PutAsJsonAsync($"{conversation}/record", record with { version = await VersionAsync(police, conversation), date = "2099-01-01" }, Ct);
        Assert.Equal("date", await FieldOfProblemAsync(future));

        var noResponsible = await police.PostAsJsonAsync($"{conversation}/agreements", new { text = "Slutte å dele.", reviewOn = "2099-01-01" }, Ct);
        Assert.Equal("responsible", await FieldOfProblemAsync(noResponsible));
        var agreement = await police.PostAsJsonAsync($"{conversation}/agreements", new { text = "Slutte å dele.", responsible = "Person", reviewOn = "2099-01-01" }, Ct);
        Assert.Equal(HttpStatusCode.Created, agreement.StatusCode);
        var noBasis = await police.PostAsJsonAsync($"{conversation}/referrals", new { target = "Mentor", toUnitId = Infrastructure.DemoData.Slt }, Ct);
        Assert.Equal("consentId", await FieldOfProblemAsync(noBasis));

        // A referral on a legal basis reaches the coordinator's inbox; the coordinator accepts it.
        var referral = await police.PostAsJsonAsync($"{conversation}/referrals", new { target = "Mentor", toUnitId = Infrastructure.DemoData.Slt, legalBasisCode = "prl-23" }, Ct);
        Assert.Equal(HttpStatusCode.Created, referral.StatusCode);
        var referralId = (await JsonAsync(referral)).GetProperty("id").GetString();
        var coordinator = await api.ClientForAsync("koordinator");
        var waiting = await JsonAsync(await coordinator.GetAsync("/api/v1/referrals/waiting", Ct));
        Assert.Contains(waiting.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetString() == referralId && r.GetProperty("target").GetString() == "Mentor");
        Assert.Equal(HttpStatusCode.Forbidden, (await police.GetAsync("/api/v1/referrals/waiting", Ct)).StatusCode);
        var decided = await coordinator.PostAsJsonAsync($"/api/v1/referrals/{referralId}/decision", new { accept = true, note = "Mentor tildeles." }, Ct);
        Assert.Equal("Accepted", (await JsonAsync(decided)).GetProperty("status").GetString());

        var view = await JsonAsync(await police.GetAsync(conversation, Ct));
        Assert.Equal("Held", view.GetProperty("state").GetString());
        Assert.Equal("Slutte å dele.", view.GetProperty("agreements")[0].GetProperty("text").GetString());
        var overview = await JsonAsync(await police.GetAsync($"{followUp}/conversations", Ct));
        Assert.Equal(3, overview.GetProperty("concernOverTime")[0].GetProperty("lifeAreas")[0].GetProperty("risk").GetInt32());

        // The municipality and another station see nothing.
        foreach (var other in new[] { "koordinator", "politi2" })
        {
            var client = await api.ClientForAsync(other);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(conversation, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{followUp}/conversations", Ct)).StatusCode);
        }
    }
}
