using Microsoft.Extensions.DependencyInjection;
using System.Net;
using CaseManagement.Tests.Support;
using CaseManagement.Web.Security;

namespace CaseManagement.Tests.Api;

public sealed class OpenIdConnectTests : IAsyncLifetime
{
    private readonly CaseWebFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Authorization_code_with_pkce_gives_a_token_the_api_accepts()
    {
        using var api = await ApiSession.BearerForAsync(_factory, "politi");
        var response = await api.GetAsync("/api/v1/persons", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_api_refuses_a_session_cookie_without_a_bearer_token()
    {
        using var browser = _factory.CreateHttpsClient();
        Assert.True(await ApiSession.LoginAsync(browser, "politi"));
        var response = await browser.GetAsync("/api/v1/persons", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_code_redeemed_twice_is_refused_the_second_time()
    {
        using var browser = _factory.CreateHttpsClient();
        Assert.True(await ApiSession.LoginAsync(browser, "politi"));
        var (verifier, challenge) = ApiSession.NewPkce();
        var code = ApiSession.CodeFrom(await ApiSession.AuthorizeAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, challenge))!;

        var first = await ApiSession.RedeemAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, code, verifier);
        var second = await ApiSession.RedeemAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, code, verifier);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("invalid_grant", await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_or_missing_pkce_verifier_is_refused()
    {
        using var browser = _factory.CreateHttpsClient();
        Assert.True(await ApiSession.LoginAsync(browser, "politi"));
        var (_, challenge) = ApiSession.NewPkce();
        var code1 = ApiSession.CodeFrom(await ApiSession.AuthorizeAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, challenge))!;
        var wrong = await ApiSession.RedeemAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, code1, ApiSession.NewPkce().Verifier);
        var code2 = ApiSession.CodeFrom(await ApiSession.AuthorizeAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, challenge))!;
        var missing = await ApiSession.RedeemAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, code2, null);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task Pkce_plain_and_no_pkce_are_refused_at_the_authorize_endpoint()
    {
        using var browser = _factory.CreateHttpsClient();
        Assert.True(await ApiSession.LoginAsync(browser, "politi"));
        var (verifier, _) = ApiSession.NewPkce();

        var plain = await ApiSession.AuthorizeAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, verifier, "plain");
        Assert.Null(ApiSession.CodeFrom(plain));

        var none = await browser.GetAsync(
            $"/connect/authorize?client_id={OpenIdConnectClients.DevelopmentClientId}&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString(OpenIdConnectClients.DevelopmentRedirectUri)}",
            TestContext.Current.CancellationToken);
        Assert.Null(ApiSession.CodeFrom(none));
    }

    [Fact]
    public async Task A_redirect_uri_that_differs_by_a_trailing_slash_is_refused()
    {
        using var browser = _factory.CreateHttpsClient();
        Assert.True(await ApiSession.LoginAsync(browser, "politi"));
        var (_, challenge) = ApiSession.NewPkce();
        var response = await ApiSession.AuthorizeAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri + "/", challenge);

        Assert.Null(ApiSession.CodeFrom(response));
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Tampered_and_foreign_tokens_are_refused()
    {
        var tokens = await ApiSession.TokensForAsync(_factory, "politi");
        var tampered = tokens.AccessToken[..^4] + (tokens.AccessToken.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        const string algNone = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJhdWQiOiJjYXNlbWFuYWdlbWVudC1hcGkiLCJzY29wZSI6ImNhc2VtYW5hZ2VtZW50LmFwaSJ9.";

        foreach (var token in new[] { tampered, algNone, tokens.IdToken!, "not-a-token" })
        {
            using var api = ApiSession.Bearer(_factory, token);
            var response = await api.GetAsync("/api/v1/persons", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task An_expired_access_token_is_refused()
    {
        var tokens = await ApiSession.TokensForAsync(_factory, "politi");
        _factory.Clock.Advance(TimeSpan.FromMinutes(11));
        using var api = ApiSession.Bearer(_factory, tokens.AccessToken);
        var response = await api.GetAsync("/api/v1/persons", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_rotates_and_the_old_one_is_refused_afterwards()
    {
        var tokens = await ApiSession.TokensForAsync(_factory, "politi");
        Assert.NotNull(tokens.RefreshToken);
        using var client = _factory.CreateHttpsClient();

        async Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
            await client.PostFormAsync("/connect/token", new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["client_id"] = OpenIdConnectClients.DevelopmentClientId,
                ["refresh_token"] = refreshToken,
            }, TestContext.Current.CancellationToken);

        var first = await ApiSession.ReadTokensAsync(await RefreshAsync(tokens.RefreshToken!));
        Assert.NotNull(first.RefreshToken);
        Assert.NotEqual(tokens.RefreshToken, first.RefreshToken);

        var replay = await RefreshAsync(tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("invalid_grant", await replay.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var api = ApiSession.Bearer(_factory, first.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/persons", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_system_client_gets_a_token_with_client_credentials_and_acts_as_its_service_account()
    {
        const string clientId = "nav-integrasjon";
        const string secret = "a-long-random-secret-for-the-test-client-0123456789";
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictApplicationManager>();
            await applications.CreateAsync(OpenIdConnectClients.SystemClient(clientId, secret, "NAV-integrasjon"), TestContext.Current.CancellationToken);
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CaseManagement.Application.Data.AppUser>>();
            var account = new CaseManagement.Application.Data.AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = ClientServiceAccounts.UserNameFor(clientId),
                DisplayName = "NAV-integrasjon",
                UnitId = CaseManagement.Infrastructure.DemoData.Nav,
            };
            var created = await users.CreateAsync(account);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Code)));
            var role = await users.AddToRoleAsync(account, nameof(CaseManagement.Domain.Access.Role.CaseWorker));
            Assert.True(role.Succeeded, string.Join("; ", role.Errors.Select(e => e.Code)));
        }

        using var client = _factory.CreateHttpsClient();
        var wrong = await client.PostFormAsync("/connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = "wrong", ["scope"] = ApiSession.ApiScope,
        }, TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, wrong.StatusCode);

        var issued = await ApiSession.ReadTokensAsync(await client.PostFormAsync("/connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = ApiSession.ApiScope,
        }, TestContext.Current.CancellationToken));

        using var api = ApiSession.Bearer(_factory, issued.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/persons", TestContext.Current.CancellationToken)).StatusCode);
        // The service account is a case worker, not an administrator: the same policies as for people apply.
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/admin/users", TestContext.Current.CancellationToken)).StatusCode);
    }
}
