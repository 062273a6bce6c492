using System.Data.Common;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Tests.Domain;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;
using static CaseManagement.Tests.Auditing.AuditTestSupport;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Auditing;

/// <summary>
/// R22: the audit tables are append-only in the database, and when an attacker with DDL rights removes that
/// protection and tampers anyway, the verifier names the first broken record. Each test has a database of its own.
/// </summary>
public sealed class TamperEvidenceTests(PostgresServer postgres, SqlServerServer sqlServer)
{
    /// <summary>Each append-only table and a column it has, for the UPDATE that must be refused.</summary>
    private static readonly (string Table, string Column)[] AuditTables =
        [("AuditEvents", "Id"), ("AuditSubjects", "Id"), ("AuditEventSeals", "Sequence"), ("AccessLog", "Id"), ("AccessLogSeals", "Sequence")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Some history, sealed into the chains: registrations, a correction (phone changed), reads. Returns the
    /// correction's place in the audit chain.
    /// </summary>
    private static async Task<long> MakeHistoryAsync(CaseHarness h)
    {
        var user = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, Adult("Historie", UniqueWord()) with { Phone = "+47 400 00 100" });
        var view = await h.SendAsync(user, new GetPerson(id));
        await h.SendAsync(user, view.AsCorrection() with { Phone = "+47 400 00 200" });
        for (var i = 0; i < 3; i++)
        {
            var other = await h.RegisterAsync(user, Adult("Flere", UniqueWord()));
            _ = await h.SendAsync(user, new GetPerson(other));
        }

        _ = await h.SendAsync(user, new GetPerson(id));
        Assert.True(await h.SealAsync() > 0);
        return await h.WithDbAsync(db => (
            from seal in db.AuditEventSeals
            join e in db.AuditEvents on seal.RecordId equals e.Id
            where e.MessageName == "CorrectPersonDetails"
            select seal.Sequence).SingleAsync(Ct));
    }

    private static async Task<IReadOnlyList<ChainReport>> VerifyAsync(CaseHarness h)
    {
        await using var db = h.NewDbContext();
        return await Verifier(h.Clock).VerifyAllAsync(db, Ct);
    }

    /// <summary>The id of the access entry sealed at <paramref name="sequence"/>, as a sub-query.</summary>
    private static string EntryAt(long sequence) => $"""SELECT "RecordId" FROM "AccessLogSeals" WHERE "Sequence" = {sequence}""";

    /// <summary>An attacker removes an access entry and its seal.</summary>
    private static async Task<int> DeleteAccessEntryAsync(DbConnection connection, long sequence)
    {
        var deleted = await ExecuteAsync(connection, $"""DELETE FROM "AccessLog" WHERE "Id" = ({EntryAt(sequence)})""");
        await ExecuteAsync(connection, $"""DELETE FROM "AccessLogSeals" WHERE "Sequence" = {sequence}""");
        return deleted;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<object> ValueAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct) ?? DBNull.Value;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_database_refuses_update_and_delete_on_every_audit_table(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        await MakeHistoryAsync(h);
        await using var connection = await OpenRawAsync(h);

        foreach (var (table, column) in AuditTables)
        {
            var rows = await ScalarAsync(connection, $"""SELECT COUNT(*) FROM "{table}" """);
            Assert.True(rows > 0, table);
            var update = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection, $"""UPDATE "{table}" SET "{column}" = "{column}" """));
            Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
            var delete = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection, $"""DELETE FROM "{table}" """));
            Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
            if (provider == DatabaseProvider.PostgreSql)
            {
                await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection, $"""TRUNCATE "{table}" CASCADE"""));
            }

            Assert.Equal(rows, await ScalarAsync(connection, $"""SELECT COUNT(*) FROM "{table}" """));
        }

        Assert.All(await VerifyAsync(h), r => Assert.True(r.Intact, $"{r.Chain}: {r.Problem} at {r.FirstBrokenSequence}"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task One_changed_byte_in_a_stored_change_value_is_reported_as_altered_at_its_event(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        var correction = await MakeHistoryAsync(h);
        var reports = await VerifyAsync(h);
        Assert.All(reports, r => Assert.True(r.Intact, $"{r.Chain}: {r.Problem} at {r.FirstBrokenSequence}"));
        Assert.True(reports[0].HeadSequence > correction);

        await using var connection = await OpenRawAsync(h);
        await DropAppendOnlyTriggersAsync(h, connection);
        var changed = await ExecuteAsync(
            connection,
            """UPDATE "AuditEvents" SET "Changes" = REPLACE("Changes", '400 00 200', '400 00 201') WHERE "MessageName" = 'CorrectPersonDetails'""");
        Assert.Equal(1, changed);

        reports = await VerifyAsync(h);
        var audit = Assert.Single(reports, r => r.Chain == AuditChain.AuditEvents);
        Assert.Equal((ChainProblem.Altered, (long?)correction, correction - 1), (audit.Problem, audit.FirstBrokenSequence, audit.Checked));
        Assert.True(Assert.Single(reports, r => r.Chain == AuditChain.AccessLog).Intact);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_deleted_access_log_entry_is_reported_as_missing_at_its_sequence(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        await MakeHistoryAsync(h);
        await using var connection = await OpenRawAsync(h);
        var last = await ScalarAsync(connection, """SELECT MAX("Sequence") FROM "AccessLogSeals" """);
        Assert.True(last >= 4);
        var victim = last - 2;

        await DropAppendOnlyTriggersAsync(h, connection);
        Assert.Equal(1, await DeleteAccessEntryAsync(connection, victim));

        var access = Assert.Single(await VerifyAsync(h), r => r.Chain == AuditChain.AccessLog);
        Assert.Equal((ChainProblem.Missing, (long?)victim, victim - 1), (access.Problem, access.FirstBrokenSequence, access.Checked));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_deleted_last_access_log_entry_is_reported_as_a_head_mismatch(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        await MakeHistoryAsync(h);
        await using var connection = await OpenRawAsync(h);
        var last = await ScalarAsync(connection, """SELECT MAX("Sequence") FROM "AccessLogSeals" """);

        await DropAppendOnlyTriggersAsync(h, connection);
        Assert.Equal(1, await DeleteAccessEntryAsync(connection, last));

        var access = Assert.Single(await VerifyAsync(h), r => r.Chain == AuditChain.AccessLog);
        Assert.Equal((ChainProblem.HeadMismatch, (long?)last, last - 1, last), (access.Problem, access.FirstBrokenSequence, access.Checked, access.HeadSequence));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_swapped_audit_events_are_reported_at_the_first_swapped_sequence(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        var correction = await MakeHistoryAsync(h);
        var first = correction;
        var second = correction + 1;

        await using var connection = await OpenRawAsync(h);
        await DropAppendOnlyTriggersAsync(h, connection);
        await ExecuteAsync(connection, $"""UPDATE "AuditEventSeals" SET "Sequence" = -1 WHERE "Sequence" = {first}""");
        await ExecuteAsync(connection, $"""UPDATE "AuditEventSeals" SET "Sequence" = {first} WHERE "Sequence" = {second}""");
        await ExecuteAsync(connection, $"""UPDATE "AuditEventSeals" SET "Sequence" = {second} WHERE "Sequence" = -1""");

        var audit = Assert.Single(await VerifyAsync(h), r => r.Chain == AuditChain.AuditEvents);
        Assert.Equal((ChainProblem.OutOfOrder, (long?)first, first - 1), (audit.Problem, audit.FirstBrokenSequence, audit.Checked));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Swapping_the_contents_of_two_access_entries_is_reported_at_the_first_swapped_sequence(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        await MakeHistoryAsync(h);
        await using var connection = await OpenRawAsync(h);
        var first = await ScalarAsync(connection, """SELECT MAX("Sequence") FROM "AccessLogSeals" """) - 3;
        var second = first + 1;

        // The rows keep their places and hashes; the persons they name trade places.
        var firstPerson = await ValueAsync(connection, $"""SELECT "PersonId" FROM "AccessLog" WHERE "Id" = ({EntryAt(first)})""");
        var secondPerson = await ValueAsync(connection, $"""SELECT "PersonId" FROM "AccessLog" WHERE "Id" = ({EntryAt(second)})""");
        Assert.NotEqual(firstPerson, secondPerson);
        await DropAppendOnlyTriggersAsync(h, connection);
        await ExecuteAsync(connection, $"""UPDATE "AccessLog" SET "PersonId" = @p WHERE "Id" = ({EntryAt(first)})""", ("@p", secondPerson));
        await ExecuteAsync(connection, $"""UPDATE "AccessLog" SET "PersonId" = @p WHERE "Id" = ({EntryAt(second)})""", ("@p", firstPerson));

        var access = Assert.Single(await VerifyAsync(h), r => r.Chain == AuditChain.AccessLog);
        Assert.Equal((ChainProblem.Altered, (long?)first, first - 1), (access.Problem, access.FirstBrokenSequence, access.Checked));
    }
}
