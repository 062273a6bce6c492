using System.Runtime.CompilerServices;
using CaseManagement.Application.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CaseManagement.Tests.Support;

/// <summary>
/// The real app on a fresh SQLite file, in the "Test" environment (migrated at start, demo users seeded). Only the
/// clock is fake. <see cref="StartKestrel"/> serves it on a loopback port for the browser tests.
/// </summary>
public sealed class CaseWebFactory : WebApplicationFactory<Program>
{
    private static readonly ConditionalWeakTable<HttpClient, CaseWebFactory> Owners = new();

    private readonly string _directory = Directory.CreateTempSubdirectory("cm-web-").FullName;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Extra configuration for one test class (e.g. Security:AllowHttp for the browser).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Extra services for one test class (e.g. an in-memory telemetry exporter), added after the app's own.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    public string DatabasePath => Path.Combine(_directory, "app.db");

    /// <summary>Serve over a real socket on 127.0.0.1 (for Playwright) instead of the in-memory test server.</summary>
    public string StartKestrel()
    {
        Settings["Security:AllowHttp"] = "true";
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
    }

    /// <summary>An https client (cookies need https unless AllowHttp) that does not follow redirects.</summary>
    public HttpClient CreateHttpsClient(bool followRedirects = false)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = followRedirects,
            HandleCookies = true,
        });
        Owners.AddOrUpdate(client, this);
        return client;
    }

    /// <summary>The factory that made a client (so a login helper can reach its clock and database).</summary>
    public static CaseWebFactory? OwnerOf(HttpClient client) => Owners.TryGetValue(client, out var factory) ? factory : null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        // The Test environment does not load the static web assets manifest by itself (blazor.web.js, MudBlazor).
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:CaseManagement", $"Data Source={DatabasePath}");
        builder.UseSetting("Demo:Seed", "true");
        foreach (var (key, value) in TestProtection.Settings())
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            TestServices?.Invoke(services);
        });
        // R21: every line the app logs, at the levels its configuration lets through, is checked for planted secrets.
        builder.ConfigureLogging(logging => logging.AddProvider(RunLog.Provider));
    }

    /// <summary>Runs something against the app's own database, outside any request.</summary>
    public async Task<T> WithDbAsync<T>(Func<CaseDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CaseDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteCleanup();
    }

    private void SqliteCleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
