using System.Data.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Features.WorkSurfaces;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Features.WorkSurfaces;

/// <summary>
/// No N+1 queries on the main pages: the SQL commands each main query issues (pipeline, access log and all) are
/// counted with a DbCommandInterceptor, stay under a small fixed number, and do not grow with the number of records.
/// On PostgreSQL, where every command is a network round trip and inserts are batched (SQLite's provider sends one
/// command per inserted row by design, which would count the access log's rows, not round trips).
/// </summary>
public sealed class SqlCommandCountTests(PostgresServer postgres) : IAsyncLifetime
{
    /// <summary>
    /// The ceiling for one main query: the pipeline's user read (2), the query itself (a handful) and the access log's
    /// append (chain head, insert). Measured at 5–12 on PostgreSQL; a loop over records would pass it at once.
    /// </summary>
    private const int MaxCommands = 14;

    /// <summary>
    /// The home page and the timeline ask every record kind's source (six kinds, one to three queries each): a larger
    /// budget, still fixed. Measured at 15 (due items) and 19 (timeline) with all kinds merged. That the count does
    /// not grow with records or follow-ups is the N+1 guard; the ceiling stops a source that adds queries per kind.
    /// </summary>
    private const int MaxUnionCommands = 24;

    private static int Ceiling(string name) => name is nameof(ListMyDueItems) or nameof(GetPersonTimeline) ? MaxUnionCommands : MaxCommands;

    private readonly CommandCounter _counter = new();
    private CaseHarness _h = null!;

    public async ValueTask InitializeAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        _h = await CaseHarness.CreateAsync(DatabaseProvider.PostgreSql, connectionString, null, TestContext.Current.CancellationToken,
            services => services.ConfigureDbContext<CaseDbContext>((_, o) => o.AddInterceptors(_counter)));
    }

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task The_main_queries_issue_a_small_fixed_number_of_commands_however_many_records()
    {
        var lead = await _h.PoliceOfficerAsync();
        var first = await AddCasesAsync(lead, 2);
        var small = await MeasureAllAsync(lead, first[0]);

        await AddCasesAsync(lead, 6);
        var large = await MeasureAllAsync(lead, first[0]);

        var problems = new List<string>();
        foreach (var (name, count) in large)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{name}: {small[name]} commands with 2 cases, {count} with 8");
            if (count > Ceiling(name))
            {
                problems.Add($"{name} issued {count} SQL commands (max {Ceiling(name)}).");
            }

            if (count != small[name])
            {
                problems.Add($"{name} issued {small[name]} commands with 2 cases and {count} with 8: it grows with the records.");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_timeline_does_not_grow_with_the_number_of_follow_ups_of_the_person()
    {
        var lead = await _h.PoliceOfficerAsync();
        var c = await _h.OpenCaseAsync(lead);
        await _h.ConsentAndDiscloseAsync(c, AccessTestData.MunicipalUnit);
        var one = await CountAsync(() => _h.SendAsync(lead, new GetPersonTimeline(c.PersonId)).AsTask());

        var current = c;
        for (var i = 0; i < 4; i++)
        {
            var version = (await _h.SendAsync(lead, new GetFollowUp(current.FollowUpId))).Version;
            await _h.SendAsync(lead, new CloseFollowUp(current.FollowUpId, version, CloseReason.GoalsReached, "Mål nådd."));
            var reopened = await _h.SendAsync(lead, new OpenFollowUp(c.PersonId, ConcernSource.School));
            current = c with { FollowUpId = reopened.Id };
            await _h.ConsentAndDiscloseAsync(current, AccessTestData.MunicipalUnit);
        }

        var five = await CountAsync(() => _h.SendAsync(lead, new GetPersonTimeline(c.PersonId)).AsTask());

        Assert.Equal(5, (await _h.SendAsync(lead, new GetPersonTimeline(c.PersonId))).FollowUps.Count);
        Assert.Equal(one, five);
        Assert.True(five <= MaxUnionCommands, $"GetPersonTimeline issued {five} SQL commands (max {MaxUnionCommands}).");
    }

    private async Task<List<OpenCase>> AddCasesAsync(Guid lead, int count)
    {
        var cases = new List<OpenCase>();
        for (var i = 0; i < count; i++)
        {
            var c = await _h.OpenCaseAsync(lead);
            await _h.ConsentAsync(c, DemoData.Nav, validTo: _h.Clock.GetUtcNow().AddDays(5 + i));
            await _h.ConsentAndDiscloseAsync(c, AccessTestData.MunicipalUnit);
            cases.Add(c);
        }

        return cases;
    }

    private async Task<Dictionary<string, int>> MeasureAllAsync(Guid lead, OpenCase c) => new()
    {
        [nameof(ListMyDueItems)] = await CountAsync(() => _h.SendAsync(lead, new ListMyDueItems()).AsTask()),
        [nameof(ListFollowUps)] = await CountAsync(() => _h.SendAsync(lead, new ListFollowUps()).AsTask()),
        [nameof(GetFollowUp)] = await CountAsync(() => _h.SendAsync(lead, new GetFollowUp(c.FollowUpId)).AsTask()),
        [nameof(FindPersons)] = await CountAsync(() => _h.SendAsync(lead, new FindPersons()).AsTask()),
        [nameof(GetPersonTimeline)] = await CountAsync(() => _h.SendAsync(lead, new GetPersonTimeline(c.PersonId)).AsTask()),
    };

    private async Task<int> CountAsync<T>(Func<Task<T>> send)
    {
        _counter.Reset();
        await send();
        return _counter.Count;
    }

    /// <summary>Counts every command sent to the database (queries, inserts, scalars).</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }
}
