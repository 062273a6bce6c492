using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace CaseManagement.Web.Security;

public static class SecurityServices
{
    public const string CookieName = "__Host-oppfolging";
    public const string DevelopmentCookieName = "oppfolging-dev";
    public const string SessionOrBearerScheme = "SessionOrBearer";
    public static readonly TimeSpan LockoutDuration = IdentitySetup.LockoutDuration;
    public static readonly TimeSpan TwoFactorStepLifetime = TimeSpan.FromMinutes(10);

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
        // Identity with TOTP as the only second factor (Infrastructure/IdentitySetup.cs), plus the host's own
        // sign-in rules: password policy, the two-step sign-in manager and the clock-aware user manager.
        services.AddCaseIdentityCore()
            .AddUserManager<AppUserManager>()
            .AddSignInManager<AppSignInManager>()
            .AddPasswordValidator<PasswordPolicy>();
        services.AddSingleton<CommonPasswords>();
        services.AddScoped<MfaEnrolment>();

        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            });
        authentication.AddIdentityCookies();
        authentication.AddExternalProviders(configuration, allowHttp);
        // The fallback policy's one scheme: a request with a bearer token is judged by the token, any other by the
        // session cookie. One scheme, so a browser without a session is challenged by the cookie alone and gets the
        // redirect to the login page (with both schemes, the bearer challenge turned it into a 401).
        authentication.AddPolicyScheme(SessionOrBearerScheme, null, o => o.ForwardDefaultSelector = context =>
            context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
                : IdentityConstants.ApplicationScheme);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = allowHttp ? DevelopmentCookieName : CookieName;
            Harden(o.Cookie, securePolicy);
            o.ExpireTimeSpan = SessionLimits.Idle;
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/ingen-tilgang";
            // The API answers 401/403; only pages redirect to the login page.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            SessionLimits.Configure(o);
        });

        // The password step's proof for the second-factor step (and enrolment): short-lived, never a session.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = (allowHttp ? DevelopmentCookieName : CookieName) + "-2fa";
            Harden(o.Cookie, securePolicy);
            o.ExpireTimeSpan = TwoFactorStepLifetime;
            o.SlidingExpiration = false;
        });
        foreach (var (scheme, suffix) in new[] { (IdentityConstants.ExternalScheme, "-ext"), (IdentityConstants.TwoFactorRememberMeScheme, "-2fa-remember") })
        {
            // The external cookie only carries a provider's answer to the return endpoint; "remember this browser" is
            // never issued. Hardened and prefixed all the same.
            services.Configure<CookieAuthenticationOptions>(scheme, o =>
            {
                o.Cookie.Name = (allowHttp ? DevelopmentCookieName : CookieName) + suffix;
                Harden(o.Cookie, securePolicy);
                o.ExpireTimeSpan = TwoFactorStepLifetime;
                // The provider's redirect back is a cross-site navigation; Lax lets this one short-lived step cookie
                // follow it to the return endpoint (a Strict cookie would be withheld).
                if (scheme == IdentityConstants.ExternalScheme)
                {
                    o.Cookie.SameSite = SameSiteMode.Lax;
                }
            });
        }

        // Check the security stamp on every request: logout, a disabled user or a password change ends old cookies at
        // once. Identity checks when the time since the cookie was issued is *greater* than the interval, so zero would
        // skip a request in the same second as the sign-in (the issue time is kept to the second); hence one tick less.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromTicks(-1);
            o.OnRefreshingPrincipal = SessionLimits.KeepSessionClaims;
        });

        // Open circuits: the same limits on circuit activity, and a revalidation every minute (R10, R11).
        services.AddScoped<CircuitSession>();
        services.AddScoped<CircuitHandler, SessionCircuitHandler>();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();

        services.AddSingleton<LoginThrottle>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>(LoginThrottle.Configure);

        services.AddAuthorizationBuilder()
            // Deny by default: every endpoint and page needs a signed-in user unless it opts out explicitly.
            // A bearer token counts here too, so an unknown /api route answers 404 to a bearer client rather than
            // 401; the API group itself accepts bearer tokens only.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(SessionOrBearerScheme).RequireAuthenticatedUser().Build());

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = allowHttp ? DevelopmentCookieName + "-af" : CookieName + "-af";
            Harden(o.Cookie, securePolicy);
        });

        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>
    /// The middleware of sign-in and sessions, in order: the origin check of the Blazor hub (before anything else
    /// looks at the request), then the sign-in rate limiter.
    /// </summary>
    public static IApplicationBuilder UseCaseSessionProtection(this IApplicationBuilder app, IConfiguration configuration)
    {
        app.UseBlazorOriginCheck(configuration);
        return LoginThrottle.UseLoginThrottle(app);
    }

    /// <summary>__Host- cookies: HttpOnly, Secure (outside the explicit http mode), SameSite=Strict, path /, no domain.</summary>
    private static void Harden(CookieBuilder cookie, CookieSecurePolicy securePolicy)
    {
        cookie.HttpOnly = true;
        cookie.SecurePolicy = securePolicy;
        cookie.SameSite = SameSiteMode.Strict;
        cookie.Path = "/";
        cookie.Domain = null;
    }

    /// <summary>Makes the signed-in principal (and its address) the sender of every message in this request's scope.</summary>
    public static IApplicationBuilder UseCurrentUser(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var user = context.RequestServices.GetRequiredService<CurrentUser>();
            user.Set(context.User);
            // For the audit event and the access log (behind a proxy, configure forwarded headers first).
            user.ClientAddress = context.Connection.RemoteIpAddress?.ToString();
            user.CorrelationId = context.TraceIdentifier;
            await next(context);
        });

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        // Endpoints meant for scripts rather than navigation (the API, the Blazor hub) opt out of redirects.
        var metadata = ctx.HttpContext.GetEndpoint()?.Metadata;
        var noRedirect = metadata?.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IDisableCookieRedirectMetadata>() is not null
            && metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAllowCookieRedirectMetadata>() is null;
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || noRedirect)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
