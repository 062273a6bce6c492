using CaseManagement.Infrastructure;
using System.Net;
using CaseManagement.Tests.Support;
using CaseManagement.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using static CaseManagement.Tests.Security.SecurityFlows;

namespace CaseManagement.Tests.Security;

/// <summary>R10–R13 over HTTP: idle and absolute limits, logout on the server, hardened cookies, CSRF, the hub's Origin.</summary>
public sealed class SessionTests : IAsyncLifetime
{
    private const string Negotiate = "/_blazor/negotiate?negotiateVersion=1";
    private readonly CaseWebFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<HttpClient> SignedInAsync(string userName = "politi")
    {
        var client = _factory.CreateHttpsClient();
        Assert.True(await ApiSession.LoginAsync(client, userName));
        return client;
    }

    [Fact]
    public async Task After_sixteen_idle_minutes_the_next_page_request_goes_to_the_login_page()
    {
        using var client = await SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);

        _factory.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);

        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.True(IsRedirectToLogin(await client.GetAsync("/", Ct)));
    }

    [Fact]
    public async Task An_active_session_ends_after_twelve_hours_all_the_same()
    {
        using var client = await SignedInAsync();
        var signedIn = _factory.Clock.GetUtcNow();
        while (_factory.Clock.GetUtcNow() - signedIn < SessionLimits.Absolute - TimeSpan.FromMinutes(14))
        {
            _factory.Clock.Advance(TimeSpan.FromMinutes(14));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);
        }

        _factory.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.True(_factory.Clock.GetUtcNow() - signedIn >= SessionLimits.Absolute);
        Assert.True(IsRedirectToLogin(await client.GetAsync("/", Ct)));
        // A fresh sign-in starts a new twelve hours.
        Assert.True(await ApiSession.LoginAsync(client, "politi"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_cookie_replayed_after_logout_is_refused_for_pages_and_new_circuits()
    {
        using var client = await SignedInAsync();
        var home = await client.GetAsync("/", Ct);
        var cookie = SessionCookie(home) ?? throw new InvalidOperationException("No session cookie.");
        var token = ApiSession.AntiforgeryToken(await home.Content.ReadAsStringAsync(Ct));

        var logout = await client.PostFormAsync("/account/logout", new Dictionary<string, string> { ["__RequestVerificationToken"] = token }, Ct);
        Assert.True(IsRedirectToLogin(logout));

        using var replay = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        replay.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.True(IsRedirectToLogin(await replay.GetAsync("/", Ct)));
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, Negotiate) { Headers = { { "Origin", "https://localhost" } } };
        var circuit = await replay.SendAsync(negotiate, Ct);
        // The hub is for scripts, not navigation: it answers 401 rather than redirecting (both refuse the circuit).
        Assert.NotEqual(HttpStatusCode.OK, circuit.StatusCode);
        Assert.True(circuit.StatusCode == HttpStatusCode.Unauthorized || IsRedirectToLogin(circuit), $"Circuit after logout answered {(int)circuit.StatusCode}.");
    }

    [Fact]
    public async Task The_blazor_hub_refuses_a_foreign_origin_and_accepts_its_own()
    {
        using var client = await SignedInAsync();

        async Task<HttpStatusCode> NegotiateFrom(string? origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Negotiate);
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            return (await client.SendAsync(request, Ct)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateFrom("https://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateFrom("null"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateFrom("http://localhost"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateFrom("https://localhost"));

        using var crossSite = new HttpRequestMessage(HttpMethod.Get, "/_blazor?id=x") { Headers = { { "Sec-Fetch-Site", "cross-site" } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(crossSite, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_gets_400_and_changes_nothing()
    {
        using var anonymous = _factory.CreateHttpsClient();
        var login = await anonymous.PostFormAsync("/login", new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = "politi",
            ["Input.Password"] = CaseManagement.Infrastructure.DemoData.DemoPassword,
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.DoesNotContain(SetCookies(login), c => c.StartsWith(SecurityServices.CookieName + "-2fa=", StringComparison.Ordinal));

        using var client = await SignedInAsync();
        var logout = await client.PostFormAsync("/account/logout", new Dictionary<string, string>(), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        var forged = await client.PostFormAsync("/account/logout", new Dictionary<string, string> { ["__RequestVerificationToken"] = "CfDJ8forged" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task Every_cookie_set_while_signing_in_is_host_prefixed_secure_http_only_and_strict_but_the_external_step_lax()
    {
        using var client = _factory.CreateHttpsClient();
        var responses = new List<HttpResponseMessage>
        {
            await client.GetAsync("/login", Ct),
            await ApiSession.PasswordStepAsync(client, "politi", CaseManagement.Infrastructure.DemoData.DemoPassword),
        };
        var code = Totp.CodeAt(CaseManagement.Infrastructure.DemoData.TotpSecrets["politi"], _factory.Clock.GetUtcNow());
        responses.Add(await ApiSession.CodeStepAsync(client, code));
        responses.Add(await client.GetAsync("/", Ct));

        var cookies = responses.SelectMany(SetCookies).ToList();
        Assert.Contains(cookies, c => c.StartsWith(SecurityServices.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(SecurityServices.CookieName + "-2fa=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(SecurityServices.CookieName + "-af=", StringComparison.Ordinal));
        Assert.All(cookies, cookie =>
        {
            var parts = cookie.Split(';', StringSplitOptions.TrimEntries);
            Assert.StartsWith("__Host-", parts[0], StringComparison.Ordinal);
            Assert.Contains("secure", parts, StringComparer.OrdinalIgnoreCase);
            Assert.Contains("httponly", parts, StringComparer.OrdinalIgnoreCase);
            // The one exception: the external-login step cookie must survive the provider's cross-site redirect back
            // (ADR-016); it is short-lived and never a session.
            var sameSite = parts[0].StartsWith(SecurityServices.CookieName + "-ext=", StringComparison.Ordinal) ? "samesite=lax" : "samesite=strict";
            Assert.Contains(sameSite, parts, StringComparer.OrdinalIgnoreCase);
            Assert.Contains("path=/", parts, StringComparer.OrdinalIgnoreCase);
            Assert.DoesNotContain(parts, p => p.StartsWith("domain=", StringComparison.OrdinalIgnoreCase));
            // Session cookies only: nothing survives closing the browser.
            Assert.DoesNotContain(parts, p => p.StartsWith("max-age=", StringComparison.OrdinalIgnoreCase));
        });
    }

    private static string? SessionCookie(HttpResponseMessage response) =>
        SetCookies(response).Select(c => c.Split(';')[0]).LastOrDefault(c => c.StartsWith(SecurityServices.CookieName + "=", StringComparison.Ordinal));
}
