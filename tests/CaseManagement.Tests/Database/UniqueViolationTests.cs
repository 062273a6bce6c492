using System.Data.Common;
using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support.Databases;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CaseManagement.Tests.Database;

/// <summary>
/// A unique violation is recognised by each provider's error code, not by its message (ADR-024): the real exceptions
/// of each database for a duplicate primary key, a duplicate under a unique constraint and under a unique index, and
/// a NOT NULL violation that shares SQLite's primary code 19 but is not a duplicate.
/// </summary>
public sealed class UniqueViolationTests(PostgresServer postgres, SqlServerServer sqlServer)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Schema =
    [
        "CREATE TABLE probe (id int NOT NULL PRIMARY KEY, k varchar(10) NULL UNIQUE, w int NULL, v int NULL)",
        "CREATE UNIQUE INDEX ix_probe_w ON probe (w)",
        "CREATE TABLE strict_probe (id int NOT NULL PRIMARY KEY, v int NOT NULL)",
        "INSERT INTO probe (id, k, w, v) VALUES (1, 'a', 1, 1)",
    ];

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Duplicates_are_recognised_by_error_code_and_other_constraint_errors_are_not(DatabaseProvider provider)
    {
        var (connection, cleanup) = await OpenEmptyDatabaseAsync(provider);
        try
        {
            foreach (var sql in Schema)
            {
                await ExecuteAsync(connection, sql);
            }

            var primaryKey = await FailureOfAsync(connection, "INSERT INTO probe (id, k, w, v) VALUES (1, 'b', 2, 1)");
            var uniqueConstraint = await FailureOfAsync(connection, "INSERT INTO probe (id, k, w, v) VALUES (2, 'a', 3, 1)");
            var uniqueIndex = await FailureOfAsync(connection, "INSERT INTO probe (id, k, w, v) VALUES (3, 'c', 1, 1)");
            var notNull = await FailureOfAsync(connection, "INSERT INTO strict_probe (id, v) VALUES (1, NULL)");

            Assert.All(new[] { primaryKey, uniqueConstraint, uniqueIndex }, e => Assert.True(Recognised(e), $"Not recognised as a duplicate: {e.GetType().Name} {e.Message}"));
            Assert.False(Recognised(notNull), $"Taken for a duplicate: {notNull.GetType().Name} {notNull.Message}");
            if (provider == DatabaseProvider.SqlServer)
            {
                // The constraint and the unique index give SQL Server's two numbers.
                Assert.Equal(new[] { 2627, 2627, 2601 }, new[] { primaryKey, uniqueConstraint, uniqueIndex }.Select(e => ((SqlException)e).Number));
            }
        }
        finally
        {
            await connection.DisposeAsync();
            await cleanup();
        }
    }

    [Fact]
    public void SqlServer_duplicates_are_recognised_by_number_whatever_the_language_of_the_message()
    {
        // SqlException has no public constructor; these are built through SqlClient's own internal factory.
        var duplicateRow = SqlServerErrors.Exception(2601, "Kan ikke sette inn en duplisert nøkkelrad i objektet dbo.IndividualPlans med den unike indeksen IX_IndividualPlans_PersonId.");
        var duplicateKey = SqlServerErrors.Exception(2627, "Violation of UNIQUE KEY constraint 'UQ_x'. Cannot insert duplicate key in object 'dbo.x'.");
        var foreignKey = SqlServerErrors.Exception(547, "The INSERT statement conflicted with the FOREIGN KEY constraint (no duplicate key here).");

        Assert.Equal(2601, duplicateRow.Number);
        Assert.True(Recognised(duplicateRow));
        Assert.True(Recognised(duplicateKey));
        Assert.False(Recognised(foreignKey));
    }

    /// <summary>As the transaction behaviour asks: the provider's exception inside EF's DbUpdateException.</summary>
    private static bool Recognised(DbException providerException) =>
        new UniqueViolations().IsUniqueViolation(new DbUpdateException("An error occurred while saving the entity changes.", providerException));

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<DbException> FailureOfAsync(DbConnection connection, string sql) =>
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection, sql));

    private async Task<(DbConnection Connection, Func<ValueTask> Cleanup)> OpenEmptyDatabaseAsync(DatabaseProvider provider)
    {
        DbConnection connection;
        Func<ValueTask> cleanup = () => ValueTask.CompletedTask;
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var directory = Directory.CreateTempSubdirectory("cm-sqlite-").FullName;
                var sqlite = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "probe.db") }.ConnectionString;
                connection = new SqliteConnection(sqlite);
                cleanup = () => HarnessFixture.DeleteSqliteAsync(sqlite, directory);
                break;
            case DatabaseProvider.PostgreSql:
                connection = new NpgsqlConnection(await postgres.CreateDatabaseAsync(Ct));
                break;
            case DatabaseProvider.SqlServer:
                connection = new SqlConnection(await sqlServer.CreateDatabaseAsync(Ct));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }

        await connection.OpenAsync(Ct);
        return (connection, cleanup);
    }
}
