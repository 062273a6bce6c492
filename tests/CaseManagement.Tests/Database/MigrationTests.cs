using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support.Databases;
using CaseManagement.Migrations.SqlServer.Migrations;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CaseManagement.Tests.Database;

/// <summary>Each provider's migrations assembly matches the model and applies to an empty database.</summary>
public sealed class MigrationTests(PostgresServer postgres, SqlServerServer sqlServer)
{
    /// <summary>Connection strings that are never opened: the checks below need the model, not a server.</summary>
    private static CaseDbContext Offline(DatabaseProvider provider)
    {
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=offline-model-check.db",
            DatabaseProvider.PostgreSql => "Host=127.0.0.1;Port=1;Database=offline_model_check;Username=none",
            DatabaseProvider.SqlServer => "Server=127.0.0.1,1;Database=offline_model_check;User Id=none;Password=none;TrustServerCertificate=True",
        };
        var options = new DbContextOptionsBuilder<CaseDbContext>();
        DatabaseSetup.Configure(options, provider, connectionString);
        return new CaseDbContext(options.Options);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void HasPendingModelChanges_is_false_for_each_providers_migrations(DatabaseProvider provider)
    {
        using var db = Offline(provider);

        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes that no {provider} migration captures: add a migration in migrations/CaseManagement.Migrations.{provider}.");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void Each_provider_uses_its_own_migrations_assembly(DatabaseProvider provider)
    {
        using var db = Offline(provider);

        var assembly = db.GetService<IMigrationsAssembly>();
        Assert.Equal($"CaseManagement.Migrations.{provider}", assembly.Assembly.GetName().Name);
        Assert.NotEmpty(assembly.Migrations);
        Assert.NotNull(assembly.ModelSnapshot);
        Assert.Equal(assembly.Migrations.Keys.Order(StringComparer.Ordinal), db.Database.GetMigrations());
    }

    [Fact]
    public void The_idempotent_SqlServer_script_parses_as_T_SQL_without_errors()
    {
        using var db = Offline(DatabaseProvider.SqlServer);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var fragment = new TSql170Parser(true).Parse(new StringReader(script), out var errors);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}")));
        var statements = ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements).ToList();
        Assert.Contains("CREATE TABLE [Persons]", script, StringComparison.Ordinal);
        Assert.Contains("__EFMigrationsHistory", script, StringComparison.Ordinal);
        Assert.True(statements.Count > 10, $"Only {statements.Count} statements parsed.");
    }

    [Fact]
    public void The_T_SQL_parser_used_above_does_report_syntax_errors()
    {
        // Guards the test above from passing vacuously.
        new TSql170Parser(true).Parse(new StringReader("CREATE TABLE [Persons] ([Id] uniqueidentifier NOT NULL,"), out var errors);

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void The_SqlServer_read_committed_snapshot_migration_runs_outside_a_transaction()
    {
        // ALTER DATABASE is refused inside a transaction, and migrations run in one unless a step suppresses it.
        using var db = Offline(DatabaseProvider.SqlServer);
        var commands = db.GetService<IMigrationsSqlGenerator>().Generate(new ReadCommittedSnapshot().UpOperations);

        var command = Assert.Single(commands);
        Assert.True(command.TransactionSuppressed);
        Assert.Contains("ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE", command.CommandText, StringComparison.Ordinal);
        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_" + nameof(ReadCommittedSnapshot), StringComparison.Ordinal));
        new TSql170Parser(true).Parse(new StringReader(command.CommandText), out var errors);
        Assert.Empty(errors);
    }

    [Fact, Trait(Providers.Trait, nameof(DatabaseProvider.SqlServer))]
    public async Task On_SqlServer_the_migrations_turn_on_read_committed_snapshot_and_apply_again_after_a_roll_back()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await sqlServer.CreateDatabaseAsync(ct);
        var options = new DbContextOptionsBuilder<CaseDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.SqlServer, connectionString);
        await using var db = new CaseDbContext(options.Options);
        Assert.False(await ReadCommittedSnapshotAsync(connectionString, ct));

        await db.Database.MigrateAsync(ct);

        Assert.True(await ReadCommittedSnapshotAsync(connectionString, ct));
        // Down leaves it on; Up again finds it on and skips the ALTER (no session of anyone is rolled back).
        await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase, cancellationToken: ct);
        Assert.True(await ReadCommittedSnapshotAsync(connectionString, ct));
        await db.Database.MigrateAsync(ct);
        Assert.True(await ReadCommittedSnapshotAsync(connectionString, ct));
    }

    /// <summary>Read on a connection of its own, unpooled: the ALTER's ROLLBACK IMMEDIATE ends idle sessions too.</summary>
    private static async Task<bool> ReadCommittedSnapshotAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new SqlConnection(new SqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new SqlCommand("SELECT is_read_committed_snapshot_on FROM sys.databases WHERE database_id = DB_ID()", connection);
        return await command.ExecuteScalarAsync(ct) is true;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Migrations_apply_to_an_empty_database_and_can_be_rolled_back(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (connectionString, cleanup) = await EmptyDatabaseAsync(provider, ct);
        try
        {
            var options = new DbContextOptionsBuilder<CaseDbContext>();
            DatabaseSetup.Configure(options, provider, connectionString);
            await using var db = new CaseDbContext(options.Options);
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync(ct));

            await db.Database.MigrateAsync(ct);

            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(ct));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
            Assert.Equal(0, await db.Persons.CountAsync(ct));
            Assert.Equal(0, await db.Guardians.CountAsync(ct));
            Assert.Equal(0, await db.Users.CountAsync(ct));

            // The schema holds what the model says: the seed and a person round-trip.
            await DemoData.SeedOrganisationAsync(db, ct);
            Assert.Equal(2, await db.Agencies.CountAsync(ct));

            // Down migrations work too (a failed deployment can be rolled back), and Up again after them.
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(Migration.InitialDatabase, cancellationToken: ct);
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync(ct));
            await db.Database.MigrateAsync(ct);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
            Assert.Equal(0, await db.Agencies.CountAsync(ct));
        }
        finally
        {
            await cleanup();
        }
    }

    private async Task<(string ConnectionString, Func<ValueTask> Cleanup)> EmptyDatabaseAsync(DatabaseProvider provider, CancellationToken ct)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var directory = Directory.CreateTempSubdirectory("cm-sqlite-").FullName;
                var sqlite = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "empty.db") }.ConnectionString;
                return (sqlite, () => HarnessFixture.DeleteSqliteAsync(sqlite, directory));
            case DatabaseProvider.PostgreSql:
                return (await postgres.CreateDatabaseAsync(ct), () => ValueTask.CompletedTask);
            case DatabaseProvider.SqlServer:
                return (await sqlServer.CreateDatabaseAsync(ct), () => ValueTask.CompletedTask);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }
    }
}
