using System.Net;
using System.Reflection;
using System.Text;
using CaseManagement.Tests.Support;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Security;

/// <summary>
/// R14: every page and every API response carries the security headers (CSP with object-src, base-uri and
/// frame-ancestors, nosniff, a referrer policy) and <c>Cache-Control: no-store</c> — whatever the answer (200, 302,
/// 400, 401, 403, 404, 405). The routes are all of them: the page routes found by reflection over the components'
/// <c>@page</c> (RouteAttribute) and every endpoint of the running app's <see cref="EndpointDataSource"/>. Pages are
/// called anonymously and signed in; the API anonymously and with a bearer token; everything else anonymously.
/// Static assets (fingerprinted public files) carry the headers but may be cached.
/// </summary>
public sealed class SecurityHeadersTests(SecurityHeadersTests.App app) : IClassFixture<SecurityHeadersTests.App>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly string[] AnyMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public sealed class App : IAsyncLifetime
    {
        public CaseWebFactory Factory { get; } = new();

        public HttpClient Anonymous { get; private set; } = null!;

        public HttpClient SignedIn { get; private set; } = null!;

        public HttpClient Bearer { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Anonymous = Factory.CreateHttpsClient();
            SignedIn = Factory.CreateHttpsClient();
            Assert.True(await ApiSession.LoginAsync(Factory, SignedIn, "politi"));
            Bearer = await ApiSession.BearerForAsync(Factory, "politi");
        }

        public async ValueTask DisposeAsync()
        {
            Anonymous.Dispose();
            SignedIn.Dispose();
            Bearer.Dispose();
            await Factory.DisposeAsync();
        }
    }

    private sealed record Call(string Method, string Path, HttpClient Client, string Who, bool StaticAsset, string? Body = null)
    {
        public override string ToString() => $"{Method} {Path} ({Who})";
    }

    [Fact]
    public async Task Every_route_answers_with_the_security_headers_and_no_store_whatever_the_status()
    {
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.Cast<RouteEndpoint>().ToList();
        var pageRoutes = PageRoutesByReflection();
        var endpointPatterns = endpoints.Select(e => Normalise(e.RoutePattern.RawText)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unmapped = pageRoutes.Where(r => !endpointPatterns.Contains(Normalise(r))).ToList();
        Assert.True(unmapped.Count == 0, "Page routes not served: " + string.Join(", ", unmapped));

        var calls = new List<Call>();
        foreach (var endpoint in endpoints)
        {
            var path = "/" + Fill(endpoint.RoutePattern).TrimStart('/');
            var isStatic = endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;
            var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            var isApi = path.StartsWith("/api/", StringComparison.Ordinal);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? AnyMethods;
            foreach (var method in methods)
            {
                var body = method is "POST" or "PUT" or "PATCH" ? "{}" : null;
                calls.Add(new Call(method, path, app.Anonymous, "anonymous", isStatic, body));
                if (isApi)
                {
                    calls.Add(new Call(method, path, app.Bearer, "bearer", isStatic, body));
                }
                else if (isPage && method == "GET")
                {
                    calls.Add(new Call(method, path, app.SignedIn, "signed in", isStatic));
                }
            }
        }

        // Error answers the routes above do not produce by themselves.
        calls.Add(new Call("GET", "/finnes-ikke", app.SignedIn, "signed in, unknown page", false));
        calls.Add(new Call("GET", "/api/v1/finnes-ikke", app.Bearer, "bearer, unknown API path", false));
        calls.Add(new Call("DELETE", "/api/v1/persons", app.Bearer, "bearer, method not allowed", false));
        calls.Add(new Call("POST", "/api/v1/persons", app.Bearer, "bearer, malformed JSON", false, "{\"givenName\": "));
        calls.Add(new Call("GET", "/api/v1/follow-ups?status=Bogus", app.Bearer, "bearer, malformed query", false));
        calls.Add(new Call("GET", $"/api/v1/persons/{Guid.NewGuid()}", app.Bearer, "bearer, not found", false));
        calls.Add(new Call("GET", "/api/v1/admin/users", app.Bearer, "bearer, forbidden", false));

        var failures = new List<string>();
        var statuses = new HashSet<HttpStatusCode>();
        foreach (var call in calls)
        {
            using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Path);
            if (call.Body is not null)
            {
                request.Content = new StringContent(call.Body, Encoding.UTF8, "application/json");
            }

            using var response = await call.Client.SendAsync(request, Ct);
            statuses.Add(response.StatusCode);
            var missing = MissingHeaders(response, call.StaticAsset);
            if (missing.Count > 0)
            {
                failures.Add($"{call} → {(int)response.StatusCode}: missing {string.Join(", ", missing)}");
            }
        }

        TestContext.Current.SendDiagnosticMessage($"R14: {calls.Count} calls to {endpoints.Count} endpoints, statuses {string.Join(", ", statuses.Select(s => (int)s).Order())}");
        Assert.True(failures.Count == 0, "Responses without the R14 headers:\n" + string.Join("\n", failures));
        // Not vacuous: pages, API, static assets and every kind of answer were seen.
        Assert.Contains(calls, c => c.Who == "signed in" && c.Path.StartsWith("/personer/", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.StaticAsset);
        foreach (var status in new[] { HttpStatusCode.OK, HttpStatusCode.Redirect, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed })
        {
            Assert.Contains(status, statuses);
        }
    }

    private static List<string> MissingHeaders(HttpResponseMessage response, bool staticAsset)
    {
        var missing = new List<string>();
        var csp = Header(response, "Content-Security-Policy");
        foreach (var directive in new[] { "object-src 'none'", "frame-ancestors 'none'", "base-uri ", "default-src 'self'" })
        {
            if (csp?.Contains(directive, StringComparison.Ordinal) != true)
            {
                missing.Add($"CSP {directive.Trim()}");
            }
        }

        if (Header(response, "X-Content-Type-Options") != "nosniff")
        {
            missing.Add("X-Content-Type-Options: nosniff");
        }

        if (Header(response, "Referrer-Policy") is null)
        {
            missing.Add("Referrer-Policy");
        }

        if (!staticAsset && response.Headers.CacheControl?.NoStore != true)
        {
            missing.Add($"Cache-Control: no-store (was '{response.Headers.CacheControl}')");
        }

        return missing;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;

    /// <summary>Every <c>@page</c> template of the web assembly's components.</summary>
    private static List<string> PageRoutesByReflection() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>())
            .Select(r => r.Template)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static string Normalise(string? template) => "/" + (template ?? "").Trim('/');

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
        if (parameter.Name == "documentName")
        {
            return "v1";
        }

        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        return constraints switch
        {
            _ when constraints.Contains("guid") => Guid.NewGuid().ToString(),
            _ when constraints.Any(c => c is "int" or "long") => "1",
            _ when constraints.Contains("bool") => "true",
            _ when constraints.Contains("datetime") => "2026-11-25",
            _ when parameter.IsCatchAll => "x/y",
            _ => "x",
        };
    }
}
