using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support;
using CaseManagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaseManagement.Tests.Api;

/// <summary>
/// Tokens bound to what they were issued for (issue 13, findings 4–6): the API scope and audience on every API
/// endpoint, the user's security stamp on refresh and on every API request, logout revoking the stored tokens,
/// re-authentication on <c>prompt=login</c> and <c>max_age</c>, the UserInfo endpoint and an issuer from
/// configuration. Real app, real OpenIddict server, tokens obtained through the real code + PKCE flow.
/// </summary>
public sealed class TokenBindingTests : IAsyncLifetime
{
    private const string ConfiguredIssuer = "https://oppfolging.politiet.example/";

    private readonly CaseWebFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData("openid")]
    [InlineData("openid profile offline_access")]
    public async Task A_token_without_the_api_scope_is_refused_by_the_api(string scope)
    {
        var tokens = await ApiSession.TokensForAsync(_factory, "politi", scope);
        using var api = ApiSession.Bearer(_factory, tokens.AccessToken);

        var answers = new List<string>();
        foreach (var path in new[] { "/api/v1/persons", $"/api/v1/persons/{Guid.NewGuid()}", "/api/v1/units", "/api/v1/admin/users", "/api/v1/privacy/audit/verify" })
        {
            answers.Add($"GET {path} {(int)(await api.GetAsync(path, Ct)).StatusCode}");
        }

        answers.Add($"POST /api/v1/persons {(int)(await api.PostAsJsonAsync("/api/v1/persons", new { }, Ct)).StatusCode}");

        // Not meant for this resource: the token has no API audience, so it is an invalid token here (RFC 6750: 401).
        Assert.All(answers, a => Assert.EndsWith(" 401", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_api_endpoint_carries_the_api_policy_and_the_policy_requires_scope_audience_and_bearer()
    {
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal))
            .ToList();
        Assert.True(endpoints.Count > 30, $"Only {endpoints.Count} API endpoints found: the enumeration is wrong.");
        var unguarded = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null ||
                        !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == ApiAuthorisation.PolicyName))
            .Select(e => e.DisplayName)
            .ToList();
        Assert.Empty(unguarded);

        await using var scope = _factory.Services.CreateAsyncScope();
        var policy = await scope.ServiceProvider.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(ApiAuthorisation.PolicyName);
        Assert.NotNull(policy);
        Assert.Equal([OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme], policy.AuthenticationSchemes);
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var cases = new (string[] Scopes, string[] Audiences, bool Allowed)[]
        {
            ([OpenIdConnectServer.ApiScope], [OpenIdConnectServer.ApiAudience], true),
            ([Scopes.OpenId, Scopes.Profile], [OpenIdConnectServer.ApiAudience], false),
            ([OpenIdConnectServer.ApiScope], [], false),
            ([OpenIdConnectServer.ApiScope], ["another-api"], false),
        };
        foreach (var (scopes, audiences, allowed) in cases)
        {
            var identity = new ClaimsIdentity("OpenIddict");
            identity.SetClaim(Claims.Subject, Guid.NewGuid().ToString()).SetScopes(scopes).SetAudiences(audiences);
            var result = await authorization.AuthorizeAsync(new ClaimsPrincipal(identity), null, policy);
            Assert.True(allowed == result.Succeeded, $"scopes [{string.Join(' ', scopes)}], audiences [{string.Join(' ', audiences)}]: expected {(allowed ? "allowed" : "refused")}.");
        }
    }

    [Fact]
    public async Task After_logout_the_access_token_and_the_refresh_token_are_refused_and_the_stored_tokens_revoked()
    {
        using var browser = _factory.CreateHttpsClient();
        Assert.True(await ApiSession.LoginAsync(browser, "politi"));
        var tokens = await ApiSession.TokensAsync(browser);
        using var api = ApiSession.Bearer(_factory, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/persons", Ct)).StatusCode);

        var home = await browser.GetAsync("/", Ct);
        var antiforgery = ApiSession.AntiforgeryToken(await home.Content.ReadAsStringAsync(Ct));
        var logout = await browser.PostFormAsync("/account/logout", new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }, Ct);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/persons", Ct)).StatusCode);
        await AssertRefreshRefusedAsync(tokens.RefreshToken!);

        // Not only refused by the stamp: no stored token of the user is valid any more.
        var userId = await UserIdAsync("politi");
        await using var scope = _factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var statuses = new List<string?>();
        await foreach (var token in store.FindBySubjectAsync(userId.ToString(), Ct))
        {
            statuses.Add(await store.GetStatusAsync(token, Ct));
        }

        Assert.NotEmpty(statuses);
        Assert.DoesNotContain(Statuses.Valid, statuses);
    }

    [Fact]
    public async Task After_disable_and_enable_the_access_token_and_the_refresh_token_are_refused()
    {
        var tokens = await ApiSession.TokensForAsync(_factory, "politi");
        using var api = ApiSession.Bearer(_factory, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/persons", Ct)).StatusCode);

        var userId = await UserIdAsync("politi");
        using var admin = await ApiSession.BearerForAsync(_factory, "admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/admin/users/{userId}/disabled", new { disabled = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/admin/users/{userId}/disabled", new { disabled = false }, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/persons", Ct)).StatusCode);
        await AssertRefreshRefusedAsync(tokens.RefreshToken!);

        // The user signs in again and gets tokens that work: the refusal is about the old ones, not the user.
        using var fresh = await ApiSession.BearerForAsync(_factory, "politi");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/persons", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("prompt", "login")]
    [InlineData("max_age", "0")]
    public async Task Prompt_login_and_max_age_zero_make_the_user_sign_in_again_and_the_id_token_says_when(string parameter, string value)
    {
        using var browser = _factory.CreateHttpsClient();
        Assert.True(await ApiSession.LoginAsync(browser, "politi"));
        var firstSignIn = _factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        _factory.Clock.Advance(TimeSpan.FromMinutes(5));

        var (verifier, challenge) = ApiSession.NewPkce();
        var authorize = await browser.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = OpenIdConnectClients.DevelopmentClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = OpenIdConnectClients.DevelopmentRedirectUri,
            ["scope"] = ApiSession.DefaultScope,
            ["state"] = "s1",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            [parameter] = value,
        }), Ct);

        // No code from the old session: the browser is sent to the login page, and the old session is over.
        Assert.Null(ApiSession.CodeFrom(authorize));
        Assert.Equal(ApiSession.LoginFlowPaths.Password, ApiSession.PathOf(authorize));
        var (_, otherChallenge) = ApiSession.NewPkce();
        Assert.Null(ApiSession.CodeFrom(await ApiSession.AuthorizeAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, otherChallenge)));

        // Password and second factor again, on the way back to the authorization request.
        var passwordStep = await ApiSession.PostFormAsync(browser, PathAndQuery(authorize.Headers.Location!), "login",
            new() { ["Input.UserName"] = "politi", ["Input.Password"] = DemoData.DemoPassword });
        Assert.Equal(ApiSession.LoginFlowPaths.Code, ApiSession.PathOf(passwordStep));
        var totp = await ApiSession.NextCodeAsync(_factory, "politi", DemoData.TotpSecrets["politi"]);
        var secondSignIn = _factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        var codeStep = await ApiSession.PostFormAsync(browser, PathAndQuery(passwordStep.Headers.Location!), "totp", new() { ["Input.Code"] = totp });
        Assert.Equal("/connect/authorize", ApiSession.PathOf(codeStep));
        var back = await browser.GetAsync(PathAndQuery(codeStep.Headers.Location!), Ct);
        var code = ApiSession.CodeFrom(back);
        Assert.False(code is null, $"No code after signing in again: {(int)back.StatusCode} {back.Headers.Location}");

        var tokens = await ApiSession.ReadTokensAsync(await ApiSession.RedeemAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, code!, verifier));
        var authTime = ApiSession.PayloadOf(tokens.IdToken!).GetProperty(Claims.AuthenticationTime);
        Assert.Equal(JsonValueKind.Number, authTime.ValueKind);
        Assert.True(authTime.GetInt64() >= secondSignIn && authTime.GetInt64() > firstSignIn, $"auth_time {authTime} is not the new sign-in ({secondSignIn}).");
    }

    [Fact]
    public async Task A_recent_sign_in_satisfies_max_age_and_every_id_token_carries_auth_time()
    {
        using var browser = _factory.CreateHttpsClient();
        Assert.True(await ApiSession.LoginAsync(browser, "politi"));
        var signedIn = _factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        _factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var (verifier, challenge) = ApiSession.NewPkce();
        var authorize = await browser.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = OpenIdConnectClients.DevelopmentClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = OpenIdConnectClients.DevelopmentRedirectUri,
            ["scope"] = ApiSession.DefaultScope,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            // The largest max_age there is: compared in seconds, so it cannot overflow a TimeSpan into a 500.
            ["max_age"] = long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }), Ct);
        var code = ApiSession.CodeFrom(authorize);
        Assert.False(code is null, $"No code: {(int)authorize.StatusCode} {authorize.Headers.Location}");

        var tokens = await ApiSession.ReadTokensAsync(await ApiSession.RedeemAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, code!, verifier));
        Assert.InRange(ApiSession.PayloadOf(tokens.IdToken!).GetProperty(Claims.AuthenticationTime).GetInt64(), signedIn - 60, signedIn);

        // A refreshed ID token keeps the time of the sign-in, not of the refresh.
        using var client = _factory.CreateHttpsClient();
        var refreshed = await ApiSession.ReadTokensAsync(await ApiSession.RefreshAsync(client, tokens.RefreshToken!));
        Assert.InRange(ApiSession.PayloadOf(refreshed.IdToken!).GetProperty(Claims.AuthenticationTime).GetInt64(), signedIn - 60, signedIn);
    }

    [Fact]
    public async Task Userinfo_returns_the_subject_and_only_the_claims_the_scopes_allow()
    {
        var userId = await UserIdAsync("politi");

        using (var withProfile = ApiSession.Bearer(_factory, (await ApiSession.TokensForAsync(_factory, "politi", "openid profile")).AccessToken))
        {
            var response = await withProfile.GetAsync("/connect/userinfo", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var claims = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(userId.ToString(), claims.GetProperty(Claims.Subject).GetString());
            Assert.Equal("politi", claims.GetProperty(Claims.PreferredUsername).GetString());
            Assert.Equal("Per Politi", claims.GetProperty(Claims.Name).GetString());
            Assert.False(claims.TryGetProperty("security_stamp", out _));
        }

        using var openIdOnly = ApiSession.Bearer(_factory, (await ApiSession.TokensForAsync(_factory, "politi", "openid")).AccessToken);
        var bare = await openIdOnly.GetAsync("/connect/userinfo", Ct);
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        var names = (await bare.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal([Claims.Subject], names);

        using var anonymous = _factory.CreateHttpsClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/connect/userinfo", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_issuer_comes_from_configuration_not_from_a_forged_host_header()
    {
        _factory.Settings["OpenIdConnect:Issuer"] = ConfiguredIssuer;
        using var forged = _factory.CreateHttpsClient();
        forged.DefaultRequestHeaders.Host = "evil.example";

        var discovery = await forged.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", Ct);
        Assert.Equal(ConfiguredIssuer, discovery.GetProperty("issuer").GetString());
        Assert.StartsWith(ConfiguredIssuer, discovery.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);

        Assert.True(await ApiSession.LoginAsync(_factory, forged, "politi"));
        var tokens = await ApiSession.TokensAsync(forged);
        Assert.Equal(ConfiguredIssuer, ApiSession.PayloadOf(tokens.IdToken!).GetProperty(Claims.Issuer).GetString());

        // The API (on the real host) accepts the token: it was issued by the configured issuer.
        using var api = ApiSession.Bearer(_factory, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/persons", Ct)).StatusCode);
    }

    private async Task AssertRefreshRefusedAsync(string refreshToken)
    {
        using var client = _factory.CreateHttpsClient();
        var refresh = await ApiSession.RefreshAsync(client, refreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Contains("invalid_grant", await refresh.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private Task<Guid> UserIdAsync(string userName) =>
        _factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct));

    private static string PathAndQuery(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
