using System.Data.Common;
using System.Globalization;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Tests.Features.Persons;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CaseManagement.Tests.Database;

/// <summary>
/// SQL Server and PostgreSQL run every unit of work under a retrying execution strategy (ADR-024): a transient fault
/// (a dropped connection, a failover, a deadlock victim) is tried again instead of becoming a server error, and the
/// retried command is saved once, with one audit event. On PostgreSQL here; the SQL Server rows run in the hosted CI.
/// </summary>
public sealed class RetryingStrategyTests(PostgresServer postgres, SqlServerServer sqlServer)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.Servers), MemberType = typeof(Providers))]
    public async Task The_server_providers_retry_and_a_command_succeeds_under_the_strategy(DatabaseProvider provider)
    {
        await using var h = await HarnessAsync(provider, fault: null);

        Assert.True(await h.WithDbAsync(db => Task.FromResult(db.Database.CreateExecutionStrategy().RetriesOnFailure)));
        var officer = await h.PoliceOfficerAsync();
        var id = await h.RegisterAsync(officer, PersonTestData.Adult("Vedvarende", PersonTestData.UniqueWord()));

        Assert.Equal(id, Assert.Single(await h.WithDbAsync(db => db.Persons.Select(p => p.Id).ToListAsync(Ct))));
    }

    [Theory, MemberData(nameof(Providers.Servers), MemberType = typeof(Providers))]
    public async Task A_transient_fault_at_the_commit_is_retried_and_the_command_is_saved_once_with_one_audit_event(DatabaseProvider provider)
    {
        var fault = new FaultAtFirstCommitWithAPerson(provider, _ => Task.FromResult<Exception?>(provider == DatabaseProvider.PostgreSql
            ? new NpgsqlException("Injected transient fault", new IOException("Connection reset (injected by the test)"))
            : SqlServerErrors.Exception(1205, "Transaction was deadlocked (injected by the test) and has been chosen as the deadlock victim.", errorClass: 13)));

        await AssertRetriedAndSavedOnceAsync(provider, fault);
    }

    [Fact, Trait(Providers.Trait, nameof(DatabaseProvider.PostgreSql))]
    public async Task A_PostgreSQL_session_terminated_before_the_commit_is_retried_and_the_command_is_saved_once()
    {
        // Not an exception made by the test: the server ends the session (as a failover or a restart does), and the
        // COMMIT meets the dead connection.
        string? connectionString = null;
        var fault = new FaultAtFirstCommitWithAPerson(DatabaseProvider.PostgreSql, async transaction =>
        {
            var pid = ((NpgsqlConnection)transaction.Connection!).ProcessID;
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await admin.OpenAsync(Ct);
            await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
            terminate.Parameters.AddWithValue("pid", pid);
            Assert.True(await terminate.ExecuteScalarAsync(Ct) is true);
            await using var alive = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pid = @pid", admin);
            alive.Parameters.AddWithValue("pid", pid);
            for (var i = 0; i < 200 && (long)(await alive.ExecuteScalarAsync(Ct))! > 0; i++)
            {
                await Task.Delay(25, Ct);
            }

            return null;
        });

        await AssertRetriedAndSavedOnceAsync(DatabaseProvider.PostgreSql, fault, cs => connectionString = cs);
    }

    private async Task AssertRetriedAndSavedOnceAsync(DatabaseProvider provider, FaultAtFirstCommitWithAPerson fault, Action<string>? connected = null)
    {
        await using var h = await HarnessAsync(provider, fault);
        connected?.Invoke(h.ConnectionString);
        var officer = await h.PoliceOfficerAsync();
        fault.Armed = true;

        var id = await h.RegisterAsync(officer, PersonTestData.Adult("Gjentatt", PersonTestData.UniqueWord()));

        // The first try had written the person (and its audit) in its transaction when the fault struck; the retry
        // ran the whole unit again from a clean slate.
        Assert.Equal(1, fault.Faults);
        Assert.Equal(1, fault.PersonsInTheFailedTransaction);
        Assert.Single(h.Logs.Lines, l => l.Contains("will be retried", StringComparison.Ordinal));
        Assert.Equal(id, Assert.Single(await h.WithDbAsync(db => db.Persons.Select(p => p.Id).ToListAsync(Ct))));
        var audit = await h.WithDbAsync(db => db.AuditEvents.Where(e => e.MessageName == nameof(RegisterPerson)).Select(e => e.Id).ToListAsync(Ct));
        var subject = await h.WithDbAsync(db => db.AuditSubjects.Where(s => s.PersonId == id).Select(s => s.AuditEventId).Distinct().ToListAsync(Ct));
        Assert.Equal(Assert.Single(audit), Assert.Single(subject));
    }

    private async Task<CaseHarness> HarnessAsync(DatabaseProvider provider, IInterceptor? fault)
    {
        var connectionString = provider == DatabaseProvider.PostgreSql
            ? await postgres.CreateDatabaseAsync(Ct)
            : await sqlServer.CreateDatabaseAsync(Ct);
        return await CaseHarness.CreateAsync(provider, connectionString, null, Ct,
            fault is null ? null : services => services.ConfigureDbContext<CaseDbContext>((_, o) => o.AddInterceptors(fault)));
    }

    /// <summary>
    /// Once armed, strikes at the first COMMIT of a transaction that holds a person: by then the database has run the
    /// inserts inside the open transaction (counted on the same connection). <c>fault</c> returns the exception to
    /// throw instead of committing, or null to let the commit meet what it did to the session.
    /// </summary>
    private sealed class FaultAtFirstCommitWithAPerson(DatabaseProvider provider, Func<DbTransaction, Task<Exception?>> fault) : DbTransactionInterceptor
    {
        private int _faults;

        public bool Armed { get; set; }

        public int Faults => _faults;

        public int PersonsInTheFailedTransaction { get; private set; }

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (!Armed || Volatile.Read(ref _faults) > 0)
            {
                return result;
            }

            await using var count = transaction.Connection!.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = provider == DatabaseProvider.PostgreSql ? """SELECT count(*) FROM "Persons" """ : "SELECT COUNT(*) FROM [Persons]";
            var persons = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            if (persons == 0 || Interlocked.Increment(ref _faults) != 1)
            {
                return result;
            }

            PersonsInTheFailedTransaction = persons;
            if (await fault(transaction) is { } exception)
            {
                throw exception;
            }

            return result;
        }
    }
}
