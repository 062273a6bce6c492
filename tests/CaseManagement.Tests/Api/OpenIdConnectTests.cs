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
}
