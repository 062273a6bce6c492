using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CaseManagement.Web.Security;

public static class SecurityServices
{
    public const string CookieName = "__Host-oppfolging";
    public const string DevelopmentCookieName = "oppfolging-dev";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// Plain http is allowed only on a developer's machine and in the browser tests (loopback, Development or Test
    /// environment, and <c>Security:AllowHttp</c> set). Then cookies lose the Secure flag and the <c>__Host-</c>
    /// prefix, which require https. Production always runs with both.
    /// </summary>
    public static bool AllowsHttp(IConfiguration configuration, IWebHostEnvironment environment) =>
        (environment.IsDevelopment() || environment.IsEnvironment("Test")) && configuration.GetValue<bool>("Security:AllowHttp");

    public static IServiceCollection AddCaseSecurity(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var allowHttp = AllowsHttp(configuration, environment);
        var securePolicy = allowHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddCaseIdentityCore().AddSignInManager();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = allowHttp ? DevelopmentCookieName : CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = securePolicy;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/ingen-tilgang";
            // The API answers 401/403; only pages redirect to the login page.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });

        // Check the security stamp on every request: logout, a disabled user or a password change ends old cookies at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        services.AddAuthorizationBuilder()
            // Deny by default: every endpoint and page needs a signed-in user unless it opts out explicitly.
            // Both schemes count here, so an unknown /api route answers 404 to a bearer client rather than 401;
            // the API group itself accepts bearer tokens only. A refusal challenges every scheme in this order and
            // the last one sets the status: the cookie goes last, so an anonymous page request is redirected to the
            // login page (302) instead of getting the bearer scheme's bare 401, and /api paths still get 401.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(
                    OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme,
                    IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser().Build());

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = allowHttp ? DevelopmentCookieName + "-af" : CookieName + "-af";
            o.Cookie.SecurePolicy = securePolicy;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>Makes the signed-in principal the sender of every message in this request's scope.</summary>
    public static IApplicationBuilder UseCurrentUser(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentUser>().Set(context.User);
            await next(context);
        });

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        // Endpoints meant for scripts rather than navigation (the API, the Blazor hub) opt out of redirects.
        var metadata = ctx.HttpContext.GetEndpoint()?.Metadata;
        var noRedirect = metadata?.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IDisableCookieRedirectMetadata>() is not null
            && metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAllowCookieRedirectMetadata>() is null;
        if (ctx.Request.Path.StartsWithSegments("/api") || noRedirect)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
