namespace CaseManagement.Web.Security;

/// <summary>
/// Cross-site WebSocket hijacking (R13, ASVS 4.4.2): the Blazor hub (<c>/_blazor</c>, negotiate, WebSocket and
/// long polling) refuses a request whose <c>Origin</c> is not this site, with 403, before authentication. Browsers
/// always send <c>Origin</c> on WebSocket and cross-origin requests; a same-origin long-polling GET may carry none,
/// and a request without a browser's <c>Origin</c> carries no victim's cookie either. <c>Origin: null</c> and a
/// cross-site <c>Sec-Fetch-Site</c> are refused. Behind a proxy that rewrites the host, list the public origin in
/// <c>Security:AllowedOrigins</c>.
/// </summary>
public static class BlazorOriginCheck
{
    public static IApplicationBuilder UseBlazorOriginCheck(this IApplicationBuilder app, IConfiguration configuration)
    {
        var allowed = (configuration.GetSection("Security:AllowedOrigins").Get<string[]>() ?? [])
            .Select(o => o.TrimEnd('/'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase) && !IsSameSite(context.Request, allowed))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            await next(context);
        });
    }

    internal static bool IsSameSite(HttpRequest request, IReadOnlySet<string> allowed)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var origins = request.Headers.Origin;
        if (origins.Count == 0)
        {
            return true;
        }

        if (origins.Count > 1)
        {
            return false;
        }

        var origin = origins[0]!.TrimEnd('/');
        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || allowed.Contains(origin);
    }
}
