using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseManagement.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Api;

/// <summary>/api/v1/recertification (ADR-030) with the demo users: the municipal administrator appoints the SLT
/// coordinator leader, who lists and confirms a colleague of the unit; other units and agencies stay out of reach.</summary>
public sealed class RecertificationApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_appointed_leader_lists_and_confirms_the_unit_s_users_and_nobody_else()
    {
        var admin = await api.ClientForAsync("kommuneadmin");
        var leader = await api.ClientForAsync("koordinator");
        var plain = await api.ClientForAsync("saksbehandler");
        var leaderId = await UserIdAsync("koordinator");
        var colleague = await UserIdAsync("personvern");

        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/v1/recertification", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/v1/admin/users/{await UserIdAsync("politi")}/unit-leader", new { isLeader = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/admin/users/{leaderId}/unit-leader", new { isLeader = true }, Ct)).StatusCode);

        var list = await leader.GetFromJsonAsync<JsonElement>("/api/v1/recertification", Ct);
        var rows = list.GetProperty("users").EnumerateArray().ToList();
        Assert.DoesNotContain(rows, r => r.GetProperty("userId").GetGuid() == leaderId);
        var row = rows.Single(r => r.GetProperty("userId").GetGuid() == colleague);
        Assert.False(row.GetProperty("confirmed").GetBoolean());

        // The roles go back as they came: exactly what the leader saw.
        var confirmed = await leader.PostAsJsonAsync(
            "/api/v1/recertification/confirmations", new { users = new[] { new { userId = colleague, roles = row.GetProperty("roles") } } }, Ct);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.True(await api.Factory.WithDbAsync(db => db.AccessReviews.AnyAsync(r => r.UserId == colleague && r.ConfirmedByUserId == leaderId, Ct)));

        var police = await leader.PostAsJsonAsync(
            "/api/v1/recertification/confirmations", new { users = new[] { new { userId = await UserIdAsync("politi"), roles = new[] { "PolicePreventionOfficer" } } } }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, police.StatusCode);
        var self = await leader.PostAsJsonAsync(
            "/api/v1/recertification/confirmations", new { users = new[] { new { userId = leaderId, roles = new[] { "PreventionCoordinator" } } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("\"users[0].UserId\"", await self.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync("/api/v1/recertification/due", Ct)).StatusCode);
    }

    private Task<Guid> UserIdAsync(string userName) =>
        api.Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct));
}
