using System.Net;
using System.Security.Claims;
using CaseManagement.Application.Data;
using CaseManagement.Tests.Support;
using CaseManagement.Web.Security;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CaseManagement.Tests.Security;

/// <summary>
/// External OpenID Connect providers added by configuration alone (ADR-016): the handler's settings, the login
/// page's button, the redirect to the provider with PKCE, and the rules for the account a provider's answer names.
/// The provider itself is outside our system: its discovery document is given in the test instead of fetched.
/// </summary>
public sealed class ExternalProviderTests : IAsyncLifetime
{
    private readonly CaseWebFactory _factory = new();
    private WebApplicationFactory<Program> _app = null!;

    public ValueTask InitializeAsync()
    {
        _factory.Settings["Authentication:ExternalProviders:politiet:DisplayName"] = "Politiets katalog";
        _factory.Settings["Authentication:ExternalProviders:politiet:Authority"] = "https://idp.politiet.example";
        _factory.Settings["Authentication:ExternalProviders:politiet:ClientId"] = "oppfolging";
        _factory.Settings["Authentication:ExternalProviders:politiet:MatchClaim"] = "email";
        _factory.Settings["Authentication:ExternalProviders:politiet:MatchField"] = "Email";
        _factory.Settings["Authentication:ExternalProviders:politiet:MfaClaim"] = "acr";
        _factory.Settings["Authentication:ExternalProviders:politiet:MfaValues:0"] = "urn:politiet:loa:high";
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.PostConfigure<OpenIdConnectOptions>("politiet", o => o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(new OpenIdConnectConfiguration
            {
                Issuer = "https://idp.politiet.example",
                AuthorizationEndpoint = "https://idp.politiet.example/authorize",
                TokenEndpoint = "https://idp.politiet.example/token",
            }))));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private HttpClient Client() => _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    [Fact]
    public void The_configured_provider_becomes_a_code_flow_handler_with_pkce_that_stores_no_tokens()
    {
        var options = _app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get("politiet");
        Assert.Equal("https://idp.politiet.example", options.Authority);
        Assert.Equal("oppfolging", options.ClientId);
        Assert.Equal(OpenIdConnectResponseType.Code, options.ResponseType);
        Assert.True(options.UsePkce);
        Assert.False(options.SaveTokens);
        Assert.False(options.MapInboundClaims);
        Assert.True(options.RequireHttpsMetadata);
        Assert.Equal(IdentityConstants.ExternalScheme, options.SignInScheme);
        Assert.Equal("/signin-politiet", options.CallbackPath.Value);
    }

    [Fact]
    public async Task The_login_page_offers_the_provider_by_its_display_name()
    {
        using var client = Client();
        var html = await client.GetStringAsync(new Uri("/login", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("Politiets katalog", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/external/politiet?returnUrl=%2F\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_a_login_redirects_to_the_provider_with_pkce_state_and_our_callback()
    {
        using var client = Client();
        using var response = await client.GetAsync(new Uri("/account/external/politiet?returnUrl=%2Fpersoner", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("https://idp.politiet.example/authorize", location.GetLeftPart(UriPartial.Path));
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("oppfolging", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.Equal("https://localhost/signin-politiet", query["redirect_uri"]);
    }

    [Fact]
    public async Task A_scheme_that_is_not_configured_is_not_found()
    {
        using var client = Client();
        using var response = await client.GetAsync(new Uri("/account/external/Identity.Application", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Arriving_at_the_return_endpoint_without_a_providers_answer_goes_back_to_login_with_the_generic_failure()
    {
        using var client = Client();
        using var response = await client.GetAsync(new Uri("/account/external-return?returnUrl=%2Fpersoner", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?external=failed", response.Headers.Location!.OriginalString);
    }

    private static ClaimsPrincipal Answer(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "politiet"));

    [Fact]
    public async Task An_answer_names_an_account_only_by_the_configured_claim_and_never_a_disabled_one()
    {
        var provider = _app.Services.GetRequiredService<IReadOnlyDictionary<string, ExternalProviderOptions>>()["politiet"];
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var found = await ExternalProviders.FindAccountAsync(users, provider, Answer(("email", "POLITI@demo.invalid")));
        Assert.Equal("politi", found?.UserName);
        Assert.Null(await ExternalProviders.FindAccountAsync(users, provider, Answer(("email", "ukjent@demo.invalid"))));
        // The user name in another claim does not count: only the configured claim names an account.
        Assert.Null(await ExternalProviders.FindAccountAsync(users, provider, Answer(("preferred_username", "politi"))));

        var politi = (await users.FindByNameAsync("politi"))!;
        politi.IsDisabled = true;
        await users.UpdateAsync(politi);
        Assert.Null(await ExternalProviders.FindAccountAsync(users, provider, Answer(("email", "politi@demo.invalid"))));
    }

    [Fact]
    public void Only_the_configured_claim_and_value_prove_multi_factor_authentication()
    {
        var provider = _app.Services.GetRequiredService<IReadOnlyDictionary<string, ExternalProviderOptions>>()["politiet"];
        Assert.True(ExternalProviders.ProvesMfa(provider, Answer(("acr", "urn:politiet:loa:high"))));
        Assert.False(ExternalProviders.ProvesMfa(provider, Answer(("acr", "urn:politiet:loa:substantial"))));
        Assert.False(ExternalProviders.ProvesMfa(provider, Answer(("amr", "urn:politiet:loa:high"))));
        Assert.False(ExternalProviders.ProvesMfa(new ExternalProviderOptions(), Answer(("acr", "urn:politiet:loa:high"))));
    }
}
