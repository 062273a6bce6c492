using System.Globalization;
using System.Security.Claims;
using CaseManagement.Application.Data;
using CaseManagement.Tests.Support;
using CaseManagement.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CaseManagement.Tests.Security;

/// <summary>
/// R10/R11 inside an open Blazor circuit, which makes no HTTP requests: the circuit handler and the periodic
/// revalidation apply the idle and absolute limits and the security stamp on the fake clock.
/// </summary>
public sealed class CircuitSessionTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingNavigation _navigation = new();

    private static ClaimsPrincipal SignedIn(DateTimeOffset at, bool mfa = true)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new(SessionLimits.AuthTimeClaim, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ];
        if (mfa)
        {
            claims.Add(new Claim(AppSignInManager.MfaClaimType, AppSignInManager.MfaClaimValue));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, IdentityConstants.ApplicationScheme));
    }

    private (Func<Task> Activity, Func<int> Processed) Circuit(ClaimsPrincipal user)
    {
        var session = new CircuitSession(_clock, _navigation, NullLogger<CircuitSession>.Instance);
        var handler = new SessionCircuitHandler(session, new FixedAuthentication(user));
        var processed = 0;
        var inbound = handler.CreateInboundActivityHandler(_ =>
        {
            processed++;
            return Task.CompletedTask;
        });
        return (() => inbound(null!), () => processed);
    }

    [Fact]
    public async Task Activity_within_the_idle_limit_is_processed()
    {
        var (activity, processed) = Circuit(SignedIn(_clock.GetUtcNow()));
        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(14));
            await activity();
        }

        Assert.Equal(4, processed());
        Assert.Empty(_navigation.Navigations);
    }

    [Fact]
    public async Task The_first_activity_after_sixteen_idle_minutes_is_dropped_and_the_browser_sent_to_login()
    {
        var (activity, processed) = Circuit(SignedIn(_clock.GetUtcNow()));
        await activity();

        _clock.Advance(TimeSpan.FromMinutes(16));
        await activity();
        await activity();

        Assert.Equal(1, processed());
        var navigation = Assert.Single(_navigation.Navigations);
        Assert.Equal("/login?returnUrl=%2Fpersoner", navigation.Uri);
        Assert.True(navigation.ForceLoad);
    }

    [Fact]
    public async Task A_circuit_kept_busy_still_ends_after_twelve_hours()
    {
        var signedIn = _clock.GetUtcNow();
        var (activity, processed) = Circuit(SignedIn(signedIn));
        while (_clock.GetUtcNow() - signedIn < SessionLimits.Absolute - TimeSpan.FromMinutes(10))
        {
            _clock.Advance(TimeSpan.FromMinutes(10));
            await activity();
        }

        var before = processed();
        Assert.Empty(_navigation.Navigations);
        _clock.Advance(TimeSpan.FromMinutes(10));
        await activity();

        Assert.Equal(before, processed());
        Assert.Single(_navigation.Navigations);
    }

    [Fact]
    public async Task A_circuit_of_a_principal_without_a_second_factor_or_anonymous_processes_nothing()
    {
        var (withoutMfa, processedWithoutMfa) = Circuit(SignedIn(_clock.GetUtcNow(), mfa: false));
        var (anonymous, processedAnonymous) = Circuit(new ClaimsPrincipal(new ClaimsIdentity()));

        await withoutMfa();
        await anonymous();

        Assert.Equal(0, processedWithoutMfa());
        Assert.Equal(0, processedAnonymous());
        Assert.Equal(2, _navigation.Navigations.Count);
    }

    [Fact]
    public async Task The_periodic_revalidation_ends_a_circuit_after_logout_elsewhere_or_when_idle()
    {
        await using var factory = new CaseWebFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var politi = (await users.FindByNameAsync("politi"))!;
        var principal = await signIn.CreateUserPrincipalAsync(politi);
        ((ClaimsIdentity)principal.Identity!).AddClaims(SignedIn(factory.Clock.GetUtcNow()).Claims.Where(c => c.Type != ClaimTypes.NameIdentifier));

        (SessionRevalidatingAuthenticationStateProvider Provider, RecordingNavigation Navigation) NewCircuit()
        {
            var navigation = new RecordingNavigation();
            var session = new CircuitSession(factory.Clock, navigation, NullLogger<CircuitSession>.Instance);
            // Disposed by the caller's using blocks below.
#pragma warning disable CA2000
            var provider = new SessionRevalidatingAuthenticationStateProvider(
                factory.Services.GetRequiredService<ILoggerFactory>(), factory.Services.GetRequiredService<IServiceScopeFactory>(), session, factory.Clock);
#pragma warning restore CA2000
            return (provider, navigation);
        }

        var (idle, idleNavigation) = NewCircuit();
        using (idle)
        {
            Assert.True(await idle.ValidateAsync(principal));
            factory.Clock.Advance(SessionLimits.Idle + TimeSpan.FromMinutes(1));
            Assert.False(await idle.ValidateAsync(principal));
            Assert.Single(idleNavigation.Navigations);
        }

        var (open, openNavigation) = NewCircuit();
        using (open)
        {
            Assert.True(await open.ValidateAsync(principal));
            Assert.Empty(openNavigation.Navigations);

            // Logout in another tab changes the security stamp.
            await users.UpdateSecurityStampAsync(politi);
            Assert.False(await open.ValidateAsync(principal));
            Assert.Single(openNavigation.Navigations);
        }
    }

    private sealed class FixedAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private sealed class RecordingNavigation : NavigationManager
    {
        public RecordingNavigation() => Initialize("https://localhost/", "https://localhost/personer");

        public List<(string Uri, bool ForceLoad)> Navigations { get; } = [];

        protected override void NavigateToCore(string uri, NavigationOptions options) => Navigations.Add((uri, options.ForceLoad));
    }
}
