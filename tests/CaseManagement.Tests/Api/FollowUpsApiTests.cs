using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseManagement.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Api;

/// <summary>
/// Two users through the HTTP API: each tries to read, change, search and list the other's follow-ups by id and
/// gets 404 (never 403, which would confirm the record exists), and nothing changes.
/// </summary>
public sealed class FollowUpsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private async Task<(Uri FollowUp, string PersonId)> OpenFollowUpAsync(string userName, string familyName)
    {
        var client = await api.ClientForAsync(userName);
        var person = await client.PostAsJsonAsync("/api/v1/persons", new { givenName = "Test", familyName, dateOfBirth = "2001-02-03" }, Ct);
        Assert.Equal(HttpStatusCode.Created, person.StatusCode);
        var personId = (await person.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var followUp = await client.PostAsJsonAsync("/api/v1/follow-ups", new { personId, concernSource = "School" }, Ct);
        Assert.Equal(HttpStatusCode.Created, followUp.StatusCode);
        return (followUp.Headers.Location!, personId);
    }

    [Fact]
    public async Task The_lead_reads_their_follow_up_with_the_team_and_an_etag()
    {
        var (location, _) = await OpenFollowUpAsync("politi", "Eier");
        var police = await api.ClientForAsync("politi");

        var response = await police.GetAsync(location, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("TeamMember", view.GetProperty("accessBasis").GetString());
        Assert.True(view.GetProperty("isLead").GetBoolean());
        Assert.Equal("Per Politi", view.GetProperty("team")[0].GetProperty("displayName").GetString());
    }

    [Theory]
    [InlineData("politi2")] // same agency, other station, not on the team
    [InlineData("saksbehandler")] // the municipality
    [InlineData("koordinator")]
    public async Task Another_user_gets_404_for_every_way_in_and_nothing_changes(string intruder)
    {
        var (location, personId) = await OpenFollowUpAsync("politi", "Hemmelig" + intruder);
        var other = await api.ClientForAsync(intruder);
        var id = location.ToString().Split('/')[^1];

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(location, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"{location}/close", new { version = "AAAAAA==", reason = "Other" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"{location}/team", new { userId = Guid.NewGuid(), role = "Member" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"{location}/team/{Guid.NewGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"{location}/consents", new
        {
            givenBy = "Person", toUnitId = Guid.NewGuid(), recordKinds = "FollowUp", purpose = "Test", method = "Written", validFrom = "2026-11-25T00:00:00Z",
        }, Ct)).StatusCode);

        var listed = await other.GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups?personId={personId}", Ct);
        Assert.Equal(0, listed.GetProperty("totalCount").GetInt32());
        var all = await other.GetFromJsonAsync<JsonElement>("/api/v1/follow-ups?pageSize=100", Ct);
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);

        var police = await api.ClientForAsync("politi");
        var view = await police.GetFromJsonAsync<JsonElement>(location, Ct);
        Assert.Equal("Open", view.GetProperty("status").GetString());
        Assert.Equal(1, view.GetProperty("team").GetArrayLength());
    }

    [Fact]
    public async Task A_legal_basis_disclosure_lets_the_municipal_unit_read_the_follow_up_read_only()
    {
        var (location, _) = await OpenFollowUpAsync("politi", "Utlevert");
        var police = await api.ClientForAsync("politi");
        var municipal = await api.ClientForAsync("saksbehandler");
        Assert.Equal(HttpStatusCode.NotFound, (await municipal.GetAsync(location, Ct)).StatusCode);

        var grant = await police.PostAsJsonAsync($"{location}/disclosures", new
        {
            toUnitId = Infrastructure.DemoData.Nav,
            recordKinds = "FollowUp",
            reason = "Samarbeid om forebygging etter bekymringssamtale.",
            validFrom = api.Factory.Clock.GetUtcNow().AddMinutes(-1),
            validTo = api.Factory.Clock.GetUtcNow().AddDays(30),
            legalBasisCode = "fvl-13b-7",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, grant.StatusCode);

        var read = await municipal.GetFromJsonAsync<JsonElement>(location, Ct);
        Assert.Equal("Disclosure", read.GetProperty("accessBasis").GetString());
        Assert.False(read.GetProperty("canWrite").GetBoolean());
        Assert.Equal(0, read.GetProperty("disclosures").GetArrayLength());
        var write = await municipal.PostAsJsonAsync($"{location}/team", new { userId = Guid.NewGuid(), role = "Member" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task A_disclosure_to_a_unit_of_the_same_agency_is_refused_with_the_field_named_and_nothing_stored()
    {
        var (location, _) = await OpenFollowUpAsync("politi", "Sammeetat");
        var police = await api.ClientForAsync("politi");
        var before = await api.Factory.WithDbAsync(db => db.Disclosures.CountAsync(Ct));

        var response = await police.PostAsJsonAsync($"{location}/disclosures", new
        {
            toUnitId = Infrastructure.DemoData.LarvikStation,
            recordKinds = "FollowUp",
            reason = "Test",
            validFrom = api.Factory.Clock.GetUtcNow(),
            validTo = api.Factory.Clock.GetUtcNow().AddDays(1),
            legalBasisCode = "fvl-13b-7",
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("toUnitId", out _));
        Assert.Equal(before, await api.Factory.WithDbAsync(db => db.Disclosures.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_administrator_reads_users_but_no_case_content()
    {
        var admin = await api.ClientForAsync("admin");
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users?search=politi", Ct);
        Assert.True(users.GetProperty("totalCount").GetInt32() >= 2);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/v1/persons", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/v1/follow-ups", Ct)).StatusCode);
        var police = await api.ClientForAsync("politi");
        Assert.Equal(HttpStatusCode.Forbidden, (await police.GetAsync("/api/v1/admin/users", Ct)).StatusCode);
    }
}
