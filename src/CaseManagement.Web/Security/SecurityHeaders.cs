using Microsoft.AspNetCore.StaticAssets;

namespace CaseManagement.Web.Security;

/// <summary>Headers on every response (R14). Personal data is never cached.</summary>
public static class SecurityHeaders
{
    // Blazor Server needs no inline script or eval; MudBlazor sets inline styles, hence style-src 'unsafe-inline'.
    // base-uri is 'self', not 'none': Blazor resolves routes and assets against <base href="/">, and 'self' still
    // stops an injected <base> from pointing scripts at another origin (a deliberate deviation from R14's 'none').
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; " +
        "form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                // Static assets are fingerprinted and hold no personal data; everything else may. Known by the
                // endpoint, not the path: /_framework/opaque-redirect, say, is under a static prefix but is not a file.
                if (context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
                {
                    headers.CacheControl = "no-store, max-age=0";
                    headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
}
