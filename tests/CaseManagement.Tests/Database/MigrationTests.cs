using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support.Databases;
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
