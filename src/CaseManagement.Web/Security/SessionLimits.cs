using System.Globalization;
using System.Security.Claims;
using CaseManagement.Application.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;

namespace CaseManagement.Web.Security;

/// <summary>
/// Session limits (R10): 15 minutes idle, 12 hours absolute, both on the injected <see cref="TimeProvider"/>.
/// The session cookie slides its expiry on every request (idle) and carries the sign-in time as a claim
/// (<see cref="AuthTimeClaim"/>), checked on every request (absolute). An open Blazor circuit makes no HTTP requests,
/// so <see cref="SessionCircuitHandler"/> applies both limits to circuit activity and
/// <see cref="SessionRevalidatingAuthenticationStateProvider"/> re-checks them, and the security stamp, every minute.
/// </summary>
public static class SessionLimits
{
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    /// <summary>Unix seconds of the sign-in (with the second factor); carried over when the principal is refreshed.</summary>
    public const string AuthTimeClaim = "auth_time";

    public static DateTimeOffset? AuthTime(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(AuthTimeClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>Signed in with a second factor, with a known sign-in time less than 12 hours ago.</summary>
    public static bool IsWithinAbsoluteLimit(ClaimsPrincipal principal, DateTimeOffset now) =>
        principal.HasClaim(AppSignInManager.MfaClaimType, AppSignInManager.MfaClaimValue) &&
        AuthTime(principal) is { } signedIn && now < signedIn + Absolute;

    /// <summary>Cookie events: stamp the sign-in time, refuse a cookie past the absolute limit or without MFA.</summary>
    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Events.OnSigningIn = context =>
        {
            if (context.Principal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == AuthTimeClaim))
            {
                var now = context.Options.TimeProvider!.GetUtcNow();
                identity.AddClaim(new Claim(AuthTimeClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
            }

            return Task.CompletedTask;
        };
        options.Events.OnValidatePrincipal = async context =>
        {
            var now = context.Options.TimeProvider!.GetUtcNow();
            if (context.Principal is null || !IsWithinAbsoluteLimit(context.Principal, now))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            // Then Identity's check: user still there, not disabled, security stamp unchanged (logout ends it).
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        };
    }

    /// <summary>Identity rebuilds the principal when it checks the stamp; these claims must survive that.</summary>
    public static Task KeepSessionClaims(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
        {
            foreach (var type in new[] { AuthTimeClaim, AppSignInManager.MfaClaimType })
            {
                if (current.FindFirst(type) is { } claim && !identity.HasClaim(c => c.Type == type))
                {
                    identity.AddClaim(new Claim(type, claim.Value));
                }
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// The limits of one open circuit: its last activity, and ending it once. Ending it navigates the browser to the
/// login page (a full page load, so the session cookie is checked again) and marks the circuit as expired, after
/// which nothing the browser sends is processed.
/// </summary>
public sealed class CircuitSession(TimeProvider clock, NavigationManager navigation, ILogger<CircuitSession> logger)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _lastActivity = clock.GetUtcNow();

    public bool IsExpired { get; private set; }

    /// <summary>Checks the limits for <paramref name="user"/>; true (and the activity recorded) when still valid.</summary>
    public bool TryTouch(ClaimsPrincipal user)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!IsExpired && IsValid(user, now))
            {
                _lastActivity = now;
                return true;
            }
        }

        Expire();
        return false;
    }

    /// <summary>Checks the limits without counting as activity (the periodic revalidation).</summary>
    public bool IsValid(ClaimsPrincipal user, DateTimeOffset now)
    {
        lock (_gate)
        {
            return !IsExpired &&
                user.Identity?.IsAuthenticated == true &&
                now - _lastActivity < SessionLimits.Idle &&
                SessionLimits.IsWithinAbsoluteLimit(user, now);
        }
    }

    public void Expire()
    {
        lock (_gate)
        {
            if (IsExpired)
            {
                return;
            }

            IsExpired = true;
        }

        logger.LogInformation("Circuit session ended by the idle or absolute limit or a changed security stamp.");
        try
        {
            var here = navigation.ToBaseRelativePath(navigation.Uri);
            navigation.NavigateTo("/login?returnUrl=" + Uri.EscapeDataString("/" + here), forceLoad: true);
        }
        catch (InvalidOperationException)
        {
            // The circuit is already gone; there is no browser to send away.
        }
    }
}

/// <summary>
/// Applies the session limits to every inbound circuit activity (event, JS interop call, navigation): the first
/// activity after a limit is not processed, and the browser is sent to the login page instead.
/// </summary>
public sealed class SessionCircuitHandler(CircuitSession session, AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (session.IsExpired)
            {
                return;
            }

            var state = await authentication.GetAuthenticationStateAsync();
            if (!session.TryTouch(state.User))
            {
                return;
            }

            await next(context);
        };
}

/// <summary>
/// Re-checks an open circuit every minute, also while the user does nothing: the security stamp (logout elsewhere,
/// password change, disabled user, MFA re-enrolment) and the idle and absolute limits. A failed check makes the
/// circuit's user anonymous (so every message is refused) and sends the browser to the login page.
/// </summary>
public sealed class SessionRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    CircuitSession session,
    TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        ValidateAsync(authenticationState.User);

    internal async Task<bool> ValidateAsync(ClaimsPrincipal user)
    {
        var valid = session.IsValid(user, clock.GetUtcNow()) && await StampIsCurrentAsync(user);
        if (!valid)
        {
            session.Expire();
        }

        return valid;
    }

    private async Task<bool> StampIsCurrentAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        return await signIn.ValidateSecurityStampAsync(principal) is not null;
    }
}
