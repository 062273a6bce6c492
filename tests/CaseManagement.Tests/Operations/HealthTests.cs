using System.Diagnostics;
using System.Net;
using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support;
using CaseManagement.Tests.Support.Databases;
using CaseManagement.Web.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CaseManagement.Tests.Operations;

/// <summary>/health/live and /health/ready (issue 14): anonymous, and saying nothing but Healthy or Unhealthy.</summary>
public sealed class HealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Live_and_ready_answer_anonymously_with_nothing_but_the_status()
    {
        await using var factory = new CaseWebFactory();
        using var client = factory.CreateHttpsClient();

        foreach (var path in (string[])[OperationsSetup.LivePath, OperationsSetup.ReadyPath])
        {
            var response = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }
    }

    [Fact]
    public async Task Ready_is_unhealthy_while_a_migration_is_pending()
    {
        var file = Path.Combine(Path.GetTempPath(), "cm-health-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var options = new DbContextOptionsBuilder<CaseDbContext>();
            DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, $"Data Source={file}");
            await using var db = new CaseDbContext(options.Options);
            var check = new ReadinessCheck(db, TimeProvider.System, new ConfigurationBuilder().Build());

            Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
            await db.Database.MigrateAsync(Ct);
            Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Ready_is_unhealthy_while_records_wait_for_the_sealer_longer_than_the_limit()
    {
        var file = Path.Combine(Path.GetTempPath(), "cm-health-" + Guid.NewGuid().ToString("N") + ".db");
        // The harness writes the organisation (audited, so records wait for a seal) and runs no sealer of its own.
        await using var h = await CaseHarness.CreateAsync(DatabaseProvider.Sqlite, $"Data Source={file}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
            return ValueTask.CompletedTask;
        }, Ct);
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Health:MaxSealerLagSeconds"] = "120" }).Build();
        Task<HealthStatus> ReadyAsync() => h.WithDbAsync(async db => (await new ReadinessCheck(db, h.Clock, settings).CheckHealthAsync(new HealthCheckContext(), Ct)).Status);

        Assert.Equal(HealthStatus.Healthy, await ReadyAsync());
        h.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(HealthStatus.Unhealthy, await ReadyAsync());
        await h.SealAsync();
        Assert.Equal(HealthStatus.Healthy, await ReadyAsync());
    }

    [Fact]
    public async Task Ready_turns_unhealthy_when_the_database_stops_and_healthy_when_it_returns()
    {
        // A PostgreSQL cluster of this test's own, so stopping it disturbs no other test.
        await using var postgres = PostgresServer.OwnCluster();
        var connectionString = await postgres.CreateDatabaseAsync(Ct);
        await using var factory = new CaseWebFactory();
        factory.Settings["Database:Provider"] = "PostgreSql";
        factory.Settings["ConnectionStrings:CaseManagement"] = connectionString;
        using var client = factory.CreateHttpsClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(OperationsSetup.LivePath, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ReadyWithinAsync(client, HttpStatusCode.OK));

        await postgres.StopAsync();
        var unready = await ReadyWithinAsync(client, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unready);
        // Still alive: the process is fine, only not ready.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(OperationsSetup.LivePath, Ct)).StatusCode);

        await postgres.StartAgainAsync();
        Assert.Equal(HttpStatusCode.OK, await ReadyWithinAsync(client, HttpStatusCode.OK));
    }

    /// <summary>Polls /health/ready until it answers <paramref name="wanted"/> (20 s at most); returns the last answer.</summary>
    internal static async Task<HttpStatusCode> ReadyWithinAsync(HttpClient client, HttpStatusCode wanted, string path = OperationsSetup.ReadyPath)
    {
        var watch = Stopwatch.StartNew();
        HttpStatusCode last;
        do
        {
            try
            {
                last = (await client.GetAsync(path, Ct)).StatusCode;
            }
            catch (HttpRequestException)
            {
                last = HttpStatusCode.BadGateway;
            }

            if (last == wanted)
            {
                return last;
            }

            await Task.Delay(250, Ct);
        }
        while (watch.Elapsed < TimeSpan.FromSeconds(20));
        return last;
    }
}
