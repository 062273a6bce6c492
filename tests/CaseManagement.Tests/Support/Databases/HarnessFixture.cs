using CaseManagement.Application.Data;
using Microsoft.Data.Sqlite;

namespace CaseManagement.Tests.Support.Databases;

/// <summary>
/// Class fixture: one <see cref="CaseHarness"/> per provider, created (and migrated) on the first test of the class
/// that asks for it, shared by the class's tests. Tests isolate themselves by creating their own users and persons.
/// </summary>
public sealed class HarnessFixture(PostgresServer postgres, SqlServerServer sqlServer) : IAsyncDisposable
{
    private readonly Dictionary<DatabaseProvider, Task<CaseHarness>> _harnesses = [];

    public Task<CaseHarness> HarnessAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.SqlServer)
        {
            SqlServerServer.SkipUnlessAvailable();
        }

        lock (_harnesses)
        {
            if (!_harnesses.TryGetValue(provider, out var harness))
            {
                // Not bound to one test's cancellation: the harness outlives the test that creates it.
                harness = CreateAsync(provider, CancellationToken.None);
                _harnesses[provider] = harness;
            }

            return harness;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var harness in _harnesses.Values)
        {
            if (harness.IsCompletedSuccessfully)
            {
                await harness.Result.DisposeAsync();
            }
        }
    }

    private async Task<CaseHarness> CreateAsync(DatabaseProvider provider, CancellationToken ct)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var directory = Directory.CreateTempSubdirectory("cm-sqlite-").FullName;
                var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "case.db") }.ConnectionString;
                return await CaseHarness.CreateAsync(provider, connectionString, () => DeleteSqliteAsync(connectionString, directory), ct);
            case DatabaseProvider.PostgreSql:
                return await CaseHarness.CreateAsync(provider, await postgres.CreateDatabaseAsync(ct), null, ct);
            case DatabaseProvider.SqlServer:
                return await CaseHarness.CreateAsync(provider, await sqlServer.CreateDatabaseAsync(ct), null, ct);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }
    }

    internal static ValueTask DeleteSqliteAsync(string connectionString, string directory)
    {
        using (var connection = new SqliteConnection(connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return ValueTask.CompletedTask;
    }
}
