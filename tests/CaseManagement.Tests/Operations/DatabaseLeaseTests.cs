using System.Diagnostics;
using CaseManagement.Tests.Support.Databases;
using CaseManagement.Web.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CaseManagement.Tests.Operations;

/// <summary>
/// One sealer (issue 14): work under a <see cref="DatabaseLease"/> runs on one holder at a time, and when the
/// holder's database session ends (as it does when its process is killed) another takes over within seconds.
/// </summary>
public sealed class DatabaseLeaseTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_holder_at_a_time_and_another_takes_over_when_the_holders_session_ends()
    {
        var connectionString = await postgres.CreateDatabaseAsync(Ct);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:CaseManagement"] = connectionString,
        }).Build();

        var holders = 0;
        var mostAtOnce = 0;
        string? current = null;
        var gate = new Lock();
        Func<CancellationToken, Task> Work(string who) => async ct =>
        {
            lock (gate)
            {
                holders++;
                mostAtOnce = Math.Max(mostAtOnce, holders);
                current = who;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                lock (gate)
                {
                    holders--;
                }
            }
        };

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var a = new DatabaseLease(configuration, NullLogger<DatabaseLease>.Instance).RunWhileHeldAsync("test-lease", Work("a"), stop.Token);
        var b = new DatabaseLease(configuration, NullLogger<DatabaseLease>.Instance).RunWhileHeldAsync("test-lease", Work("b"), stop.Token);

        Assert.True(await WithinAsync(() => Volatile.Read(ref holders) == 1, TimeSpan.FromSeconds(10)));
        // A few rounds of the other's attempts: still only one.
        await Task.Delay(DatabaseLease.RetryEvery * 3, Ct);
        Assert.Equal(1, mostAtOnce);
        var first = current;

        // End the holder's session the way a killed process's ends: the server drops it and frees the lock.
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync(Ct);
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid " +
                "WHERE l.locktype = 'advisory' AND l.granted AND s.datname = current_database()",
                admin);
            Assert.Equal(1L, await kill.ExecuteScalarAsync(Ct));
        }

        Assert.True(await WithinAsync(() => current != first && Volatile.Read(ref holders) == 1, TimeSpan.FromSeconds(10)), "The other did not take over.");

        await stop.CancelAsync();
        await Task.WhenAll(a, b);
        Assert.Equal(0, holders);
    }

    internal static async Task<bool> WithinAsync(Func<bool> condition, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(100, Ct);
        }

        return true;
    }
}
