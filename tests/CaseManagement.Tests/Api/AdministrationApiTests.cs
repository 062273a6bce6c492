using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseManagement.Domain.Access;
using CaseManagement.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Api;

/// <summary>
/// /api/v1/admin with the real demo administrators: <c>admin</c> (police) and <c>kommuneadmin</c> (municipality) each
/// administer their own agency's users only; the other agency's users are "not found" (issue 13, findings 1 and 3).
/// </summary>
public sealed class AdministrationApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("kommuneadmin", "politi")]
    [InlineData("admin", "saksbehandler")]
    public async Task Personal_details_of_the_other_agencys_user_are_not_found_and_nothing_is_saved(string administrator, string target)
    {
        var client = await api.ClientForAsync(administrator);
        var targetId = await UserIdAsync(target);

        var response = await client.PutAsJsonAsync(
            $"/api/v1/admin/users/{targetId}/personal-details", new { familyName = "Kollega", homeAddress = "Storgata 9" }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var stored = await api.Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == targetId, Ct));
        Assert.Null(stored.FamilyName);
        Assert.Null(stored.HomeAddress);
    }

    [Theory]
    [InlineData("admin", "politi2")]
    [InlineData("kommuneadmin", "barnevern")]
    public async Task Personal_details_of_an_own_agency_user_are_saved(string administrator, string target)
    {
        var client = await api.ClientForAsync(administrator);
        var targetId = await UserIdAsync(target);

        var response = await client.PutAsJsonAsync($"/api/v1/admin/users/{targetId}/personal-details", new { familyName = "Hansen" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hansen", await api.Factory.WithDbAsync(db => db.Users.Where(u => u.Id == targetId).Select(u => u.FamilyName).SingleAsync(Ct)));
    }

    [Fact]
    public async Task The_municipal_administrator_cannot_give_the_mentor_a_police_role_and_nothing_changes()
    {
        var client = await api.ClientForAsync("kommuneadmin");
        var mentor = await UserIdAsync("mentor");

        var response = await client.PutAsJsonAsync(
            $"/api/v1/admin/users/{mentor}/roles", new { roles = new[] { nameof(Role.Mentor), nameof(Role.PolicePreventionOfficer) } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        var field = Assert.Single(errors.EnumerateObject());
        Assert.Equal("roles[1]", field.Name);
        Assert.Contains(nameof(Role.PolicePreventionOfficer), field.Value[0].GetString(), StringComparison.Ordinal);
        Assert.Equal([nameof(Role.Mentor)], await RolesOfAsync(mentor));
    }

    [Fact]
    public async Task The_police_administrator_cannot_give_a_police_officer_a_municipal_role()
    {
        var client = await api.ClientForAsync("admin");
        var officer = await UserIdAsync("politi2");

        var response = await client.PutAsJsonAsync($"/api/v1/admin/users/{officer}/roles", new { roles = new[] { nameof(Role.CaseWorker) } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([nameof(Role.PolicePreventionOfficer)], await RolesOfAsync(officer));
    }

    private Task<Guid> UserIdAsync(string userName) =>
        api.Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct));

    private Task<List<string>> RolesOfAsync(Guid userId) =>
        api.Factory.WithDbAsync(db => (
                from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                where ur.UserId == userId
                select r.Name!)
            .ToListAsync(Ct));
}
