using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManagement.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// The app on a real loopback port, shared by the browser tests (demo users seeded, fresh SQLite file).
/// </summary>
/// <remarks>
/// The host runs in the "Test" environment, where ASP.NET Core does not serve static web assets from the build
/// output (only Development does): without them there is no blazor.web.js and no MudBlazor, so no circuit. The
/// factory is therefore extended here with <c>UseStaticWebAssets</c>; <see cref="CaseWebFactory.StartKestrel"/>
/// does the rest the same way.
/// </remarks>
public sealed class BrowserServer : IAsyncLifetime
{
    private readonly CaseWebFactory _factory = new();
    private WebApplicationFactory<Program>? _app;

    public string Address { get; private set; } = "";

    /// <summary>The served app's (fake) clock.</summary>
    public DateTimeOffset Now => _factory.Clock.GetUtcNow();

    /// <summary>The server the browser tests run against (they run one after another, see the collection).</summary>
    public static BrowserServer? Current { get; private set; }

    /// <summary>The next one-time code for a demo user that the server will accept (a code works only once).</summary>
    public async Task<string> NextCodeAsync(string userName)
    {
        var last = await WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.LastTotpTimeStep).SingleAsync());
        var clock = _factory.Clock;
        var current = Totp.StepAt(clock.GetUtcNow());
        var step = Math.Max(current, last + 1);
        if (step > current + Totp.Window)
        {
            clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds * (step - current - Totp.Window)));
        }

        return Totp.CodeAt(DemoData.TotpSecrets[userName], DateTimeOffset.FromUnixTimeSeconds(step * Totp.StepSeconds));
    }

    public ValueTask InitializeAsync()
    {
        // Cookies without Secure and __Host- over loopback http; only honoured in Development and Test.
        _factory.Settings["Security:AllowHttp"] = "true";
        // A free loopback port chosen by the system (without the explicit URL Kestrel fell back to port 5000, so two
        // test runs on one machine collided).
        _app = _factory.WithWebHostBuilder(builder => builder.UseStaticWebAssets().UseUrls("http://127.0.0.1:0"));
        _app.UseKestrel(0);
        _app.StartServer();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        Address = addresses.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
            .Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        Current = this;
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs something against the served app's own database, outside any request.</summary>
    public async Task<T> WithDbAsync<T>(Func<CaseDbContext, Task<T>> action)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CaseDbContext>());
    }

    /// <summary>
    /// Forgets a demo user's sign-in rate-limit windows (as an administrator's unlock does): the shared server's fake
    /// clock barely moves, so a user signed in by many tests would otherwise hit the limit of 10 per 15 minutes.
    /// </summary>
    /// <summary>Moves the served app's fake clock on.</summary>
    public void AdvanceClock(TimeSpan by) => _factory.Clock.Advance(by);

    public async Task ResetLoginThrottleAsync(string userName)
    {
        var userId = await WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        _app!.Services.GetRequiredService<CaseManagement.Web.Security.LoginThrottle>().Reset(userName, userId);
    }

    /// <summary>Sends a message as a demo user, outside the browser (to arrange or change things behind its back).</summary>
    public async Task<T> SendAsAsync<T>(string userName, Mediator.IMessage message)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        var userId = await scope.ServiceProvider.GetRequiredService<CaseDbContext>().Users
            .Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        scope.ServiceProvider.GetRequiredService<CaseManagement.Application.Common.CurrentUser>().Set(new System.Security.Claims.ClaimsPrincipal(
            new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, userId.ToString())], "test")));
        return (T)(await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send((object)message))!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _factory.DisposeAsync();
    }
}

/// <summary>
/// The browser tests run one after another against one server: two cores, one Chromium, and other suites running
/// in parallel leave no room for more.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserServer>
{
    public const string Name = "Browser";
}
