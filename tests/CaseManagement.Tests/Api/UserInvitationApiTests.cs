using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Security;
using CaseManagement.Tests.Support;
using CaseManagement.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Api;

/// <summary>
/// From invitation to sign-in over HTTP (issue 15, ADR-026): <c>POST /api/v1/admin/users</c> answers the one-time
/// activation link; <c>/aktiver/{token}</c> takes a password and hands over to the enrolment step of sign-in; then the
/// user signs in with the real login forms. Dead links (used, resent, revoked, unknown) all get one neutral page.
/// </summary>
public sealed class UserInvitationApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Password = "Fjordbris-over-Vestfold-7";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_activate_with_password_and_authenticator_then_sign_in_and_the_link_works_once()
    {
        var admin = await api.ClientForAsync("admin");
        var userName = Unique("ny");
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/users")
        {
            Content = JsonContent.Create(new { userName, displayName = "Nina Nyansatt", unitId = DemoData.SandefjordStation, roles = new[] { nameof(Role.PolicePreventionOfficer) }, email = userName + "@politiet.test" }),
        };
        var key = Guid.NewGuid().ToString();
        create.Headers.Add("Idempotency-Key", key);
        var created = await admin.SendAsync(create, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var userId = body.GetProperty("id").GetGuid();
        var path = body.GetProperty("invitation").GetProperty("activationPath").GetString()!;
        var token = body.GetProperty("invitation").GetProperty("activationToken").GetString()!;
        Assert.Equal("/aktiver/" + token, path);

        // A repeat with the same key says what was created, never the token again; the kept answer has no token.
        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/users")
        {
            Content = JsonContent.Create(new { userName, displayName = "Nina Nyansatt", unitId = DemoData.SandefjordStation, roles = new[] { nameof(Role.PolicePreventionOfficer) }, email = userName + "@politiet.test" }),
        };
        again.Headers.Add("Idempotency-Key", key);
        var replay = await admin.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        var replayed = await replay.Content.ReadAsStringAsync(Ct);
        Assert.Contains(userId.ToString(), replayed, StringComparison.Ordinal);
        Assert.DoesNotContain(token, replayed, StringComparison.Ordinal);
        Assert.False(await api.Factory.WithDbAsync(db => db.IdempotencyRecords.AnyAsync(r => r.ResponseBody!.Contains(token), Ct)));

        // Before activation the account cannot sign in.
        using (var early = api.Factory.CreateHttpsClient())
        {
            Assert.False(await ApiSession.LoginAsync(api.Factory, early, userName, Password, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));
        }

        // A fresh browser opens the link, chooses a password and is sent to the enrolment step.
        using var browser = api.Factory.CreateHttpsClient();
        var page = await browser.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(userName, await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var mismatch = await ActivateAsync(browser, path, Password, Password + "x");
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Contains("id=\"activate-error\"", await mismatch.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var tooShort = await ActivateAsync(browser, path, "kort", "kort");
        Assert.Contains("id=\"activate-error\"", await tooShort.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var activated = await ActivateAsync(browser, path, Password, Password);
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        Assert.Equal(ApiSession.LoginFlowPaths.Enrol, ApiSession.PathOf(activated));
        var enrolment = await SecurityFlows.GetEnrolmentPageAsync(browser);
        var confirmed = await SecurityFlows.PostEnrolmentAsync(browser, enrolment, Totp.CodeAt(enrolment.Key, api.Factory.Clock.GetUtcNow()));
        Assert.Equal(10, SecurityFlows.RecoveryCodes(await confirmed.Content.ReadAsStringAsync(Ct)).Count);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", Ct)).StatusCode);

        var user = await api.Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, Ct));
        Assert.False(user.AwaitingActivation);
        Assert.NotNull(user.PasswordHash);
        Assert.NotNull(await api.Factory.WithDbAsync(db => db.UserInvitations.Where(i => i.UserId == userId).Select(i => i.UsedAt).SingleAsync(Ct)));
        // The activation is in the change audit as the user's own act, without the password hash or the token.
        var activation = await api.Factory.WithDbAsync(async db => (await db.AuditEvents.AsNoTracking()
            .Where(e => e.UserId == userId && e.MessageName == AccountActivation.MessageName).ToListAsync(Ct)).SelectMany(e => e.Changes).ToList());
        Assert.Contains(activation, c => c is { EntityType: "UserInvitation", Field: "UsedAt" } && c.NewValue is not null);
        Assert.Contains(activation, c => c is { EntityType: "AppUser", Field: "AwaitingActivation" });
        Assert.DoesNotContain(activation, c => c.Field is "PasswordHash" or "TokenHash" || (c.NewValue ?? "").Contains(token, StringComparison.Ordinal));

        // Another browser signs in with the real login forms.
        using (var later = api.Factory.CreateHttpsClient())
        {
            Assert.True(await ApiSession.LoginAsync(api.Factory, later, userName, Password, enrolment.Key));
        }

        // The link worked once.
        using var third = api.Factory.CreateHttpsClient();
        await AssertDeadAsync(third, path);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/v1/admin/users/{userId}/invitation", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_invited_account_with_a_password_still_cannot_sign_in_until_it_is_activated()
    {
        var admin = await api.ClientForAsync("admin");
        var (userId, userName, _) = await CreateAsync(admin);
        await SecurityFlows.WithUsersAsync(api.Factory, async users =>
        {
            var user = (await users.FindByIdAsync(userId.ToString()))!;
            SecurityFlows.Check(await users.AddPasswordAsync(user, Password));
            return true;
        });

        using var client = api.Factory.CreateHttpsClient();
        var passwordStep = await ApiSession.PasswordStepAsync(client, userName, Password);
        Assert.NotEqual(ApiSession.LoginFlowPaths.Code, ApiSession.PathOf(passwordStep));
        Assert.Contains("id=\"login-error\"", await passwordStep.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resent_revoked_and_unknown_links_get_the_same_neutral_page()
    {
        var admin = await api.ClientForAsync("admin");
        var (userId, _, first) = await CreateAsync(admin);
        using var browser = api.Factory.CreateHttpsClient();

        var resent = await admin.PostAsync($"/api/v1/admin/users/{userId}/invitation", null, Ct);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var second = (await resent.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("activationPath").GetString()!;
        var deadFirst = await AssertDeadAsync(browser, first);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(second, Ct)).StatusCode);
        Assert.DoesNotContain("activate-invalid", await (await browser.GetAsync(second, Ct)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/admin/users/{userId}/invitation", Ct)).StatusCode);
        var deadSecond = await AssertDeadAsync(browser, second);
        var unknown = await AssertDeadAsync(browser, "/aktiver/" + Unique("ukjent").PadRight(43, 'A'));
        Assert.Equal(deadFirst, deadSecond);
        Assert.Equal(deadFirst, unknown);
    }

    [Theory]
    [InlineData("kommuneadmin", HttpStatusCode.NotFound)]
    [InlineData("politi", HttpStatusCode.Forbidden)]
    public async Task Another_agencys_administrator_or_a_non_administrator_cannot_resend_or_revoke(string actor, HttpStatusCode expected)
    {
        var (userId, _, path) = await CreateAsync(await api.ClientForAsync("admin"));
        var client = await api.ClientForAsync(actor);

        Assert.Equal(expected, (await client.PostAsync($"/api/v1/admin/users/{userId}/invitation", null, Ct)).StatusCode);
        Assert.Equal(expected, (await client.DeleteAsync($"/api/v1/admin/users/{userId}/invitation", Ct)).StatusCode);

        using var browser = api.Factory.CreateHttpsClient();
        Assert.DoesNotContain("activate-invalid", await (await browser.GetAsync(path, Ct)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u0430dmin", "userName")]
    [InlineData("ny\u200Bbruker", "userName")]
    [InlineData("nils\u0436uk", "userName")]
    public async Task A_bad_user_name_is_refused_on_its_field(string userName, string field)
    {
        var admin = await api.ClientForAsync("admin");
        var response = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { userName, displayName = "X", unitId = DemoData.SandefjordStation, roles = new[] { nameof(Role.PolicePreventionOfficer) }, email = "x@politiet.test" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Another_agencys_unit_and_a_role_of_the_other_agency_are_refused_on_their_fields()
    {
        var admin = await api.ClientForAsync("admin");
        var otherUnit = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { userName = Unique("x"), displayName = "X", unitId = DemoData.Nav, roles = new[] { nameof(Role.CaseWorker) }, email = "x@politiet.test" }, Ct);
        var wrongRole = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { userName = Unique("x"), displayName = "X", unitId = DemoData.SandefjordStation, roles = new[] { nameof(Role.CaseWorker) }, email = "x@politiet.test" }, Ct);

        Assert.Equal(["unitId"], (await otherUnit.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["roles[0]"], (await wrongRole.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    private static string Unique(string prefix) => prefix + "-" + Guid.CreateVersion7().ToString("N")[^12..];

    private static async Task<(Guid Id, string UserName, string Path)> CreateAsync(HttpClient admin)
    {
        var userName = Unique("invitert");
        var response = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { userName, displayName = "Invitert", unitId = DemoData.SandefjordStation, roles = new[] { nameof(Role.PolicePreventionOfficer) }, email = userName + "@politiet.test" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("id").GetGuid(), userName, body.GetProperty("invitation").GetProperty("activationPath").GetString()!);
    }

    private static Task<HttpResponseMessage> ActivateAsync(HttpClient client, string path, string password, string confirm) =>
        ApiSession.PostFormAsync(client, path, "activate", new Dictionary<string, string> { ["Input.Password"] = password, ["Input.Confirm"] = confirm });

    /// <summary>The neutral page: no form, one message. Returns the message for comparing dead links.</summary>
    private static async Task<string> AssertDeadAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("Input.Password", html, StringComparison.Ordinal);
        var message = System.Text.RegularExpressions.Regex.Match(html, "<p class=\"form-error\" role=\"alert\" id=\"activate-invalid\">([^<]+)</p>");
        Assert.True(message.Success, "No neutral message on a dead link.");
        return message.Groups[1].Value;
    }
}
