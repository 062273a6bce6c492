using System.Net;
using System.Text.RegularExpressions;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support;
using CaseManagement.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Security;

/// <summary>Helpers of the security tests: users made through Identity, the enrolment flow over HTTP, page parsing.</summary>
internal static partial class SecurityFlows
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A police user with a password; with <paramref name="totpSecret"/> also an enrolled authenticator.</summary>
    public static async Task<Guid> CreateUserAsync(CaseWebFactory factory, string userName, string password, string? totpSecret = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<AppUserManager>();
        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = userName, DisplayName = userName, UnitId = DemoData.SandefjordStation };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, nameof(Role.PolicePreventionOfficer)));
        if (totpSecret is not null)
        {
            Assert.NotNull(await users.EnrolAuthenticatorAsync(user, totpSecret, 0));
        }

        return user.Id;
    }

    public static async Task<T> WithUsersAsync<T>(CaseWebFactory factory, Func<AppUserManager, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppUserManager>());
    }

    public static Task<AppUser> UserAsync(CaseWebFactory factory, string userName) =>
        WithUsersAsync(factory, async users => (await users.FindByNameAsync(userName))!);

    public static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));

    public sealed record EnrolmentPage(string Html, string Key, string State, string Token);

    public static async Task<EnrolmentPage> GetEnrolmentPageAsync(HttpClient client)
    {
        var response = await client.GetAsync(ApiSession.LoginFlowPaths.Enrol, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var key = ManualKeyPattern().Match(html);
        var state = StatePattern().Match(html);
        Assert.True(key.Success && state.Success, "The enrolment page shows no key or state.");
        return new EnrolmentPage(html, key.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal), WebUtility.HtmlDecode(state.Groups[1].Success ? state.Groups[1].Value : state.Groups[2].Value), ApiSession.AntiforgeryToken(html));
    }

    public static Task<HttpResponseMessage> PostEnrolmentAsync(HttpClient client, EnrolmentPage page, string code) =>
        client.PostFormAsync(ApiSession.LoginFlowPaths.Enrol, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.Token,
            ["_handler"] = "enrol",
            ["Input.State"] = page.State,
            ["Input.Code"] = code,
        }, Ct);

    public static IReadOnlyList<string> RecoveryCodes(string html) =>
        RecoveryCodePattern().Matches(html).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The page without what differs on every response: the antiforgery token and its copy in Blazor's persisted state.</summary>
    public static string WithoutAntiforgery(string html) =>
        PersistedStatePattern().Replace(AntiforgeryValuePattern().Replace(html, "value=\"TOKEN\""), "<!--Blazor-Server-Component-State:STATE-->");

    public static bool IsRedirectToLogin(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && ApiSession.PathOf(response) == ApiSession.LoginFlowPaths.Password;

    public static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [GeneratedRegex("<code id=\"manual-key\"[^>]*>([A-Z2-7 ]+)</code>")]
    private static partial Regex ManualKeyPattern();

    [GeneratedRegex("name=\"Input.State\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"Input.State\"")]
    private static partial Regex StatePattern();

    [GeneratedRegex("<li><code>([0-9A-Z]{5}-[0-9A-Z]{5})</code></li>")]
    private static partial Regex RecoveryCodePattern();

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\"[^>]*)value=\"[^\"]+\"")]
    private static partial Regex AntiforgeryValuePattern();

    [GeneratedRegex("<!--Blazor-Server-Component-State:[^-]*-->")]
    private static partial Regex PersistedStatePattern();
}
