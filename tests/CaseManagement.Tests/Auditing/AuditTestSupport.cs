using System.Data.Common;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Data;
using CaseManagement.Tests.Support;
using CaseManagement.Tests.Support.Databases;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseManagement.Tests.Auditing;

/// <summary>The test keys as the application's protector, chain and verifier see them, and raw ADO.NET access.</summary>
internal static class AuditTestSupport
{
    public static readonly IOptions<ProtectionOptions> Options = Microsoft.Extensions.Options.Options.Create(new ProtectionOptions
    {
        ActiveKey = "t1",
        Keys = new(StringComparer.Ordinal) { ["t1"] = TestProtection.Key1, ["t2"] = TestProtection.Key2 },
        ChainKey = TestProtection.ChainKey,
        BlindIndexKey = TestProtection.BlindIndexKey,
    });

    public static FieldProtector Protector() => new(Options);

    public static AuditVerifier Verifier(TimeProvider clock) => new(new AuditChain(Options), clock);

    /// <summary>The audit events that exist now, to find the ones a step writes (<see cref="AuditSinceAsync"/>).</summary>
    public static async Task<HashSet<Guid>> AuditMarkAsync(CaseHarness h) =>
        (await h.WithDbAsync(db => db.AuditEvents.Select(e => e.Id).ToListAsync(TestContext.Current.CancellationToken))).ToHashSet();

    /// <summary>The audit events written since <paramref name="mark"/>, in the order they were written.</summary>
    public static async Task<List<AuditEvent>> AuditSinceAsync(CaseHarness h, HashSet<Guid> mark) =>
        (await h.WithDbAsync(db => db.AuditEvents.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken)))
            .Where(e => !mark.Contains(e.Id)).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToList();

    /// <summary>Every tamper-protected table: the records, their search index and their seals.</summary>
    public static readonly string[] AppendOnlyTables = ["AuditEvents", "AuditSubjects", "AuditEventSeals", "AccessLog", "AccessLogSeals"];

    /// <summary>A new ADO.NET connection to the harness's database, outside EF and its interceptor.</summary>
    public static async Task<DbConnection> OpenRawAsync(CaseHarness h)
    {
        DbConnection connection = h.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteConnection(h.ConnectionString),
            DatabaseProvider.PostgreSql => new NpgsqlConnection(h.ConnectionString),
            _ => throw new NotSupportedException(h.Provider.ToString()),
        };
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>What an attacker with DDL rights would do first: remove the append-only triggers.</summary>
    public static async Task DropAppendOnlyTriggersAsync(CaseHarness h, DbConnection connection)
    {
        foreach (var table in AppendOnlyTables)
        {
            if (h.Provider == DatabaseProvider.PostgreSql)
            {
                await ExecuteAsync(connection, $"""DROP TRIGGER "{table}_append_only" ON "{table}";""");
                await ExecuteAsync(connection, $"""DROP TRIGGER "{table}_no_truncate" ON "{table}";""");
            }
            else
            {
                await ExecuteAsync(connection, $"""DROP TRIGGER "{table}_no_update";""");
                await ExecuteAsync(connection, $"""DROP TRIGGER "{table}_no_delete";""");
            }
        }
    }
}
