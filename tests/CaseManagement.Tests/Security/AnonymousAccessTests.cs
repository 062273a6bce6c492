using System.Net;
using CaseManagement.Tests.Support;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Security;

/// <summary>
/// R1, deny by default: every endpoint of the real app (API, pages, the Blazor hub, the account and OpenID Connect
/// endpoints, static assets…), enumerated from its <see cref="EndpointDataSource"/>, is called anonymously with every
/// HTTP method it allows. The API answers 401, a page redirects to /login, anything else does one of the two —
/// except the allow-list below, where each entry says what it answers anonymously and why that is safe.
/// </summary>
public sealed class AnonymousAccessTests(AnonymousAccessTests.App app) : IClassFixture<AnonymousAccessTests.App>
{
    /// <summary>The methods an endpoint without method metadata (e.g. the Blazor hub) is called with.</summary>
    private static readonly string[] AnyMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Sample values for route parameters whose value matters to reach the endpoint at all.</summary>
    private static readonly Dictionary<string, string> KnownParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["documentName"] = "v1",
    };

    /// <summary>
    /// What may answer an anonymous caller, and what it must answer. Each entry must match at least one endpoint (no
    /// stale entries). Deliberately NOT here: the Blazor hub (/_blazor, /_blazor/negotiate, /disconnect,
    /// /initializers): a circuit renders case data, so it needs a signed-in user like the pages (401 or a redirect),
    /// as does /_framework/opaque-redirect and the static-file fallback.
    /// </summary>
    public static readonly AllowedAnonymous[] AllowList =
    [
        new("/login", "GET", HttpStatusCode.OK, "The login page: the way in."),
        new("/login", "POST", HttpStatusCode.BadRequest, "The login form posts here; without the antiforgery token it is refused (400), nothing is rendered."),
        new("/login/code", "POST", HttpStatusCode.BadRequest, "Second sign-in step: the form posts here; without antiforgery it is refused (400). Without the short-lived two-factor cookie the page itself sends the user back to /login."),
        new("/login/recovery-code", "POST", HttpStatusCode.BadRequest, "As /login/code, for a recovery code."),
        new("/login/enrol", "POST", HttpStatusCode.BadRequest, "Authenticator enrolment during sign-in: refused without antiforgery (400); only reachable with the two-factor cookie of a user who has no authenticator yet."),
        new("/aktiver/{Token}", "GET", HttpStatusCode.OK,
            "A new user's one-time activation link (ADR-026): the person opening it is not signed in yet. An unknown, expired, used or revoked token gets one neutral page; no data."),
        new("/aktiver/{Token}", "POST", HttpStatusCode.BadRequest, "The activation form posts here; without antiforgery it is refused (400). Rate-limited like the sign-in steps."),
        new("/account/external/{scheme}", "GET", HttpStatusCode.NotFound,
            "Starts a login at a configured external identity provider (a redirect to it); an unconfigured scheme is 404. Holds no data."),
        new("/account/external-return", "GET", HttpStatusCode.Redirect,
            "Where an external provider's login lands; without the provider's short-lived external cookie it sends the caller back to /login."),
        new("/connect/authorize", "GET", HttpStatusCode.BadRequest,
            "OpenID Connect authorization endpoint: must be reachable without a cookie (it sends a valid request to the login page itself); an invalid request gets an OAuth error (400)."),
        new("/connect/authorize", "POST", HttpStatusCode.BadRequest, "As GET (form post variant of the authorization request)."),
        new("/connect/token", "POST", HttpStatusCode.BadRequest,
            "OAuth token endpoint: clients prove themselves with the code and PKCE verifier, a refresh token or client credentials, never a cookie; an empty request gets an OAuth error (400)."),
        new("/connect/userinfo", "POST", HttpStatusCode.BadRequest,
            "OpenID Connect UserInfo: the access token is the credential, not a cookie; a POST without a form body and token is a malformed request (400). GET without a token answers 401."),
        new("/openapi/{documentName}.json", "GET", HttpStatusCode.OK, "The API contract: public by design, holds no data."),
        new(StaticAssets, "GET", HttpStatusCode.OK, "Static assets (MapStaticAssets: CSS, JavaScript, source maps of the app, MudBlazor and the Blazor framework): public files the login page itself needs, no data."),
        new(StaticAssets, "HEAD", HttpStatusCode.OK, "As GET."),
    ];

    /// <summary>Stands for every endpoint with a <see cref="StaticAssetDescriptor"/> in the allow-list.</summary>
    public const string StaticAssets = "(static assets)";

    private HttpClient Client => app.Client;

    public enum EndpointKind
    {
        Api,
        Page,
        Other,
    }

    public sealed record AllowedAnonymous(string Pattern, string Method, HttpStatusCode Answer, string Why);

    public sealed record EndpointCall(string Pattern, string Method, string Path, EndpointKind Kind, bool IsStaticAsset)
    {
        public string AllowListPattern => IsStaticAsset ? StaticAssets : Pattern;

        public override string ToString() => $"{Method} {Path} ({Pattern}, {Kind})";
    }

    public sealed record Answer(HttpStatusCode Status, Uri? Location);

    /// <summary>One real app for the class: starting it (migrations, demo users) is the slow part.</summary>
    public sealed class App : IAsyncLifetime
    {
        public CaseWebFactory Factory { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public ValueTask InitializeAsync()
        {
            Client = Factory.CreateHttpsClient();
            return ValueTask.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_endpoint_refuses_an_anonymous_caller_unless_it_is_on_the_allow_list()
    {
        var calls = Calls(EndpointsOfTheApp());

        var failures = await CheckAsync(calls, SendAsync);

        TestContext.Current.SendDiagnosticMessage($"R1: {calls.Count} anonymous calls to {calls.Select(c => c.Pattern).Distinct().Count()} routes");
        Assert.True(failures.Count == 0, "Anonymous access not denied, or allow-list out of date:\n" + string.Join("\n", failures));
        // Guard against a vacuous pass: the API, the pages, the hub and the allow-listed endpoints were all called.
        Assert.Contains(calls, c => c.Kind == EndpointKind.Api && c.Pattern.Contains("{id:guid}", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Kind == EndpointKind.Page && c.Path.StartsWith("/personer/", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Pattern == "/_blazor/negotiate" && c.Method == "POST");
        Assert.Contains(calls, c => c.IsStaticAsset);
    }

    [Fact]
    public async Task A_new_endpoint_that_answers_anonymously_and_is_not_on_the_allow_list_fails_the_check()
    {
        var leak = new RouteEndpoint(
            _ => Task.CompletedTask, RoutePatternFactory.Parse("/api/v1/leak/{id:guid}"), 0, new EndpointMetadataCollection(new HttpMethodMetadata(["GET"])), "leak");
        var calls = Calls(EndpointsOfTheApp().Append(leak));

        var failures = await CheckAsync(calls, c => c.Pattern == "/api/v1/leak/{id:guid}" ? Task.FromResult(new Answer(HttpStatusCode.OK, null)) : SendAsync(c));

        var failure = Assert.Single(failures);
        Assert.Contains("/api/v1/leak/", failure, StringComparison.Ordinal);
        Assert.Contains("200", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allow_list_entry_that_matches_no_endpoint_fails_the_check()
    {
        var calls = Calls(EndpointsOfTheApp().Where(e => (e as RouteEndpoint)?.RoutePattern.RawText != "/connect/token"));

        var failures = await CheckAsync(calls, SendAsync);

        Assert.Equal(["Allow-list entry POST /connect/token matches no endpoint: remove it."], failures);
    }

    [Fact]
    public async Task An_anonymous_page_request_is_redirected_to_the_login_page_with_the_return_address()
    {
        var answer = await SendAsync(new EndpointCall("/personer/{Id:guid}", "GET", "/personer/" + Guid.Empty, EndpointKind.Page, false));

        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal("/login", answer.Location?.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fpersoner%2F", answer.Location?.Query, StringComparison.Ordinal);
    }

    private IReadOnlyList<Endpoint> EndpointsOfTheApp() => app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;

    /// <summary>One call per endpoint and allowed method, with route parameters filled in.</summary>
    private static List<EndpointCall> Calls(IEnumerable<Endpoint> endpoints)
    {
        var calls = new List<EndpointCall>();
        foreach (var endpoint in endpoints)
        {
            // Every endpoint the app maps is a route endpoint; anything else would escape this test.
            var route = endpoint as RouteEndpoint ?? throw new InvalidOperationException($"Not a route endpoint: {endpoint.DisplayName}");
            var pattern = route.RoutePattern.RawText ?? "";
            var path = "/" + Fill(route.RoutePattern).TrimStart('/');
            var kind = path.StartsWith("/api/", StringComparison.Ordinal) || path == "/api"
                ? EndpointKind.Api
                : route.Metadata.GetMetadata<ComponentTypeMetadata>() is not null ? EndpointKind.Page : EndpointKind.Other;
            var isStaticAsset = route.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;
            var methods = route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? AnyMethods;
            foreach (var method in methods)
            {
                var call = new EndpointCall(pattern, method, path, kind, isStaticAsset);
                if (!calls.Contains(call))
                {
                    calls.Add(call);
                }
            }
        }

        return calls;
    }

    private static string Fill(RoutePattern pattern) =>
        string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => SampleValue(parameter),
            _ => throw new InvalidOperationException($"Unknown route part in {pattern.RawText}"),
        }))));

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        if (KnownParameters.TryGetValue(parameter.Name, out var known))
        {
            return known;
        }

        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        return constraints switch
        {
            _ when constraints.Contains("guid") => Guid.NewGuid().ToString(),
            _ when constraints.Any(c => c is "int" or "long" or "decimal" or "double" or "float") => "1",
            _ when constraints.Contains("bool") => "true",
            _ when constraints.Contains("datetime") => "2026-11-25",
            _ when constraints.Contains("file") => "x/y.txt",
            _ when parameter.IsCatchAll => "x/y",
            _ => "x",
        };
    }

    /// <summary>The reasons the anonymous answers break R1, plus stale allow-list entries; empty when all is well.</summary>
    private static async Task<List<string>> CheckAsync(IReadOnlyList<EndpointCall> calls, Func<EndpointCall, Task<Answer>> send)
    {
        var failures = new List<string>();
        foreach (var call in calls)
        {
            var answer = await send(call);
            var allowed = AllowList.FirstOrDefault(a => a.Pattern == call.AllowListPattern && a.Method == call.Method);
            if (allowed is not null)
            {
                if (answer.Status != allowed.Answer)
                {
                    failures.Add($"{call}: allow-listed to answer {(int)allowed.Answer} anonymously, answered {(int)answer.Status}.");
                }

                continue;
            }

            var toLogin = answer.Status == HttpStatusCode.Redirect && answer.Location?.AbsolutePath == "/login";
            var refused = call.Kind switch
            {
                EndpointKind.Api => answer.Status == HttpStatusCode.Unauthorized,
                EndpointKind.Page => toLogin,
                EndpointKind.Other => answer.Status == HttpStatusCode.Unauthorized || toLogin,
            };
            if (!refused)
            {
                var wanted = call.Kind switch
                {
                    EndpointKind.Api => "401",
                    EndpointKind.Page => "a redirect to /login",
                    EndpointKind.Other => "401 or a redirect to /login",
                };
                failures.Add($"{call}: answered an anonymous caller {(int)answer.Status} {answer.Location}, wanted {wanted} (or an entry in the allow-list, with the reason).");
            }
        }

        foreach (var entry in AllowList.Where(a => !calls.Any(c => c.AllowListPattern == a.Pattern && c.Method == a.Method)))
        {
            failures.Add($"Allow-list entry {entry.Method} {entry.Pattern} matches no endpoint: remove it.");
        }

        return failures;
    }

    private async Task<Answer> SendAsync(EndpointCall call)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Path);
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l : new Uri(Client.BaseAddress!, l)) : null;
        return new Answer(response.StatusCode, location);
    }
}
