using System.Data.Common;
using CaseManagement.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Application.Auditing;

/// <summary>
/// Seals committed audit events and access-log entries into their hash chains (ADR-017). A record is written in its
/// command's transaction (or before its read returns) without a place in the chain; the sealer then gives each
/// unsealed record the next sequence number and an HMAC over its content and the previous hash, and moves the head.
/// Sealing after the commit keeps the chain's head out of every command's transaction: commands no longer queue on
/// one row, and each pays no round trip for it. Two sealers (two app instances) cannot fork a chain: the head's
/// version and the seal's sequence key let only one of them win; the other reads the new head and tries again.
/// </summary>
public sealed class ChainSealer(AuditChain chain, TimeProvider clock) : IDisposable
{
    /// <summary>
    /// How far before the newest sealed record a routine pass looks for unsealed ones: far enough for writes that ran
    /// side by side and committed in a different order, near enough that the search stays small under load.
    /// </summary>
    public static readonly TimeSpan RecentReach = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How far back the catch-up pass (every <see cref="CatchUpEvery"/>) looks: a record whose transaction committed
    /// long after it was written (a slow lock wait) is sealed by it. Older stragglers are sealed by the full sweep at
    /// start-up, and the verifier reports any it finds.
    /// </summary>
    public static readonly TimeSpan CatchUpReach = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan CatchUpEvery = TimeSpan.FromMinutes(1);

    /// <summary>After a nudge, the sealer waits this long so that the writes of the moment are sealed in one pass.</summary>
    private static readonly TimeSpan Gather = TimeSpan.FromSeconds(3);

    private const int BatchSize = 500;
    private const int MaxAttempts = 20;

    private readonly SemaphoreSlim _nudged = new(0, 1);

    /// <summary>Tells the background sealer that a record was written. Cheap; never blocks.</summary>
    public void Nudge()
    {
        try
        {
            if (_nudged.CurrentCount == 0)
            {
                _nudged.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already nudged: one wake-up seals everything that is waiting.
        }
    }

    public void Dispose() => _nudged.Dispose();

    /// <summary>Waits until nudged or until <paramref name="timeout"/> has passed.</summary>
    public Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken ct) => _nudged.WaitAsync(timeout, ct);

    /// <summary>
    /// The background loop (the web host's <c>ChainSealingService</c>, and the benchmark): seals, then waits for a
    /// nudge or <paramref name="interval"/>. The first pass searches the whole tables, so records left unsealed by a
    /// stopped instance are sealed too. A failed pass is reported and retried; the records stay.
    /// </summary>
    public async Task RunAsync(IServiceScopeFactory scopes, TimeSpan interval, Action<Exception> failed, CancellationToken ct)
    {
        // Whole tables until one full sweep has succeeded (the database may not be migrated yet at start-up).
        var swept = false;
        var lastCatchUp = DateTimeOffset.MinValue;
        while (!ct.IsCancellationRequested)
        {
            var reach = !swept ? (TimeSpan?)null : clock.GetUtcNow() - lastCatchUp >= CatchUpEvery ? CatchUpReach : RecentReach;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await SealAsync(scope.ServiceProvider.GetRequiredService<CaseDbContext>(), ct, reach);
                if (reach != RecentReach)
                {
                    swept = true;
                    lastCatchUp = clock.GetUtcNow();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed(ex);
            }

            try
            {
                if (await WaitForWorkAsync(interval, ct))
                {
                    // A nudge comes from inside the writer's save: its transaction commits in a moment, and the
                    // writes that follow it are sealed in the same pass.
                    await Task.Delay(Gather, ct);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Seals the waiting records of both chains written no earlier than <paramref name="reach"/> before the newest
    /// sealed record (every waiting record when null); returns how many were sealed.
    /// </summary>
    public async Task<int> SealAsync(CaseDbContext db, CancellationToken ct, TimeSpan? reach = null) =>
        await SealChainAsync(
            db,
            AuditChain.AuditEvents,
            db.AuditEventSeals,
            db.AuditEvents.AsNoTracking().Where(e => !db.AuditEventSeals.Any(s => s.RecordId == e.Id)),
            reach,
            ct)
        + await SealChainAsync(
            db,
            AuditChain.AccessLog,
            db.AccessLogSeals,
            db.AccessLog.AsNoTracking().Where(e => !db.AccessLogSeals.Any(s => s.RecordId == e.Id)),
            reach,
            ct);

    private async Task<int> SealChainAsync<TRecord, TSeal>(
        CaseDbContext db,
        string name,
        DbSet<TSeal> seals,
        IQueryable<TRecord> unsealed,
        TimeSpan? reach,
        CancellationToken ct)
        where TRecord : class, IChainRecord
        where TSeal : ChainSeal, new()
    {
        var total = 0;
        for (var attempt = 1; ; )
        {
            db.ChangeTracker.Clear();
            var head = await db.ChainHeads.SingleOrDefaultAsync(h => h.Chain == name, ct);
            var from = reach is { } back && head?.LastRecordAt is { } last ? last - back : (DateTimeOffset?)null;
            var waiting = from is { } start ? unsealed.Where(r => r.OccurredAt >= start) : unsealed;
            // Only what the seal covers: the id, the time and the content hash written with the record.
            var batch = await waiting.OrderBy(r => r.OccurredAt).ThenBy(r => r.Id).Take(BatchSize)
                .Select(r => new { r.Id, r.OccurredAt, r.ContentHash }).ToListAsync(ct);

            if (batch.Count == 0)
            {
                return total;
            }

            if (head is null)
            {
                head = new ChainHead { Chain = name, Sequence = 0, Hash = AuditChain.Genesis };
                db.ChainHeads.Add(head);
            }

            var now = AuditChain.RecordTime(clock);
            var sequence = head.Sequence;
            var previous = head.Hash;
            var made = new List<TSeal>(batch.Count);
            foreach (var record in batch)
            {
                sequence++;
                var hash = chain.SealHashOf(sequence, previous, record.Id, record.ContentHash);
                made.Add(new TSeal { Sequence = sequence, RecordId = record.Id, SealedAt = now, PreviousHash = previous, Hash = hash });
                previous = hash;
            }

            var newest = batch.Max(r => r.OccurredAt);
            head.Sequence = sequence;
            head.Hash = previous;
            head.LastRecordAt = head.LastRecordAt is { } latest && latest > newest ? latest : newest;
            head.Version++;
            try
            {
                await SaveAsync(db, seals, made, ct);
                total += batch.Count;
                if (batch.Count < BatchSize)
                {
                    return total;
                }
            }
            catch (Exception ex) when (ex is DbUpdateException or DbException && attempt++ < MaxAttempts)
            {
                // Another sealer moved the head first (version changed, or the sequence or record was taken).
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
        }
    }

    /// <summary>
    /// Writes the seals and the moved head in one transaction. On PostgreSQL the seals go in as one statement over
    /// arrays (parameterised), not one INSERT per seal as EF Core writes them there: sealing is the audit's largest
    /// running cost (docs/performance.md). SQL Server and SQLite take EF Core's own batch.
    /// </summary>
    private static async Task SaveAsync<TSeal>(CaseDbContext db, DbSet<TSeal> seals, List<TSeal> made, CancellationToken ct)
        where TSeal : ChainSeal
    {
        if (db.Provider != DatabaseProvider.PostgreSql)
        {
            seals.AddRange(made);
            await db.SaveChangesAsync(ct);
            return;
        }

        var sequences = made.Select(s => s.Sequence).ToArray();
        var records = made.Select(s => s.RecordId).ToArray();
        var times = made.Select(s => s.SealedAt).ToArray();
        var previous = made.Select(s => s.PreviousHash).ToArray();
        var hashes = made.Select(s => s.Hash).ToArray();
        // The retrying strategy (ADR-024) runs the whole transaction again after a transient fault; the head's change
        // is accepted only after the commit, so a retry writes it again.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            _ = typeof(TSeal) == typeof(AuditEventSeal)
                ? await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO "AuditEventSeals" ("Sequence", "RecordId", "SealedAt", "PreviousHash", "Hash") SELECT * FROM unnest({sequences}, {records}, {times}, {previous}, {hashes})""", token)
                : await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO "AccessLogSeals" ("Sequence", "RecordId", "SealedAt", "PreviousHash", "Hash") SELECT * FROM unnest({sequences}, {records}, {times}, {previous}, {hashes})""", token);
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
            await transaction.CommitAsync(token);
        }, ct);
        db.ChangeTracker.AcceptAllChanges();
    }
}

/// <summary>What the sealer needs of a record: its id, when it was written, and the HMAC of its content.</summary>
public interface IChainRecord
{
    Guid Id { get; }

    DateTimeOffset OccurredAt { get; }

    string ContentHash { get; }
}
