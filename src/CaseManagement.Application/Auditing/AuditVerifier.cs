using CaseManagement.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Auditing;

public enum ChainProblem
{
    None,

    /// <summary>A record's content no longer matches its hash (a changed byte).</summary>
    Altered,

    /// <summary>A sequence number is missing (a deleted record).</summary>
    Missing,

    /// <summary>A record does not follow the one before it (records swapped or re-inserted).</summary>
    OutOfOrder,

    /// <summary>The chain ends before or after the recorded head (records removed from the end or added outside).</summary>
    HeadMismatch,

    /// <summary>
    /// A record older than <see cref="AuditVerifier.SealingGrace"/> has no place in the chain: the sealer has not run,
    /// or the record was written outside the application.
    /// </summary>
    Unsealed,
}

/// <summary>
/// The verifier's answer for one chain: how far it holds, and the first place it breaks. <see cref="Waiting"/> counts
/// the records written within the last <see cref="AuditVerifier.SealingGrace"/> that wait for the sealer.
/// </summary>
public sealed record ChainReport(string Chain, long Checked, ChainProblem Problem, long? FirstBrokenSequence, long HeadSequence, string HeadHash, int Waiting = 0)
{
    public bool Intact => Problem == ChainProblem.None;
}

/// <summary>
/// Walks a chain's seals from the start and names the first place where it breaks; then looks for records that
/// should have been sealed by now and were not.
/// </summary>
public sealed class AuditVerifier(AuditChain chain, TimeProvider clock)
{
    /// <summary>How long a record may wait for the sealer before the verifier calls it unsealed.</summary>
    public static readonly TimeSpan SealingGrace = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<ChainReport>> VerifyAllAsync(CaseDbContext db, CancellationToken ct) =>
        [await VerifyAuditEventsAsync(db, ct), await VerifyAccessLogAsync(db, ct)];

    public async Task<ChainReport> VerifyAuditEventsAsync(CaseDbContext db, CancellationToken ct)
    {
        var seals =
            from s in db.AuditEventSeals.AsNoTracking()
            join e in db.AuditEvents.AsNoTracking() on s.RecordId equals e.Id into records
            from e in records.DefaultIfEmpty()
            orderby s.Sequence
            select new { Seal = s, Record = e, Subjects = db.AuditSubjects.Where(x => x.AuditEventId == s.RecordId).ToList() };
        var withSubjects = seals.AsSplitQuery().AsAsyncEnumerable().Select(x =>
        {
            x.Record?.Subjects = x.Subjects;
            return new Sealed<AuditEvent>(x.Seal, x.Record);
        });
        var report = await WalkAsync(db, AuditChain.AuditEvents, withSubjects, e => SubjectsMatch(e) && chain.ContentHashOf(e) == e.ContentHash, ct);
        return await WithUnsealedAsync(report, db.AuditEvents.Where(e => !db.AuditEventSeals.Any(s => s.RecordId == e.Id)).Select(e => e.OccurredAt), ct);
    }

    public async Task<ChainReport> VerifyAccessLogAsync(CaseDbContext db, CancellationToken ct)
    {
        var seals =
            from s in db.AccessLogSeals.AsNoTracking()
            join e in db.AccessLog.AsNoTracking() on s.RecordId equals e.Id into records
            from e in records.DefaultIfEmpty()
            orderby s.Sequence
            select new Sealed<AccessLogEntry>(s, e);
        var report = await WalkAsync(db, AuditChain.AccessLog, seals.AsAsyncEnumerable(), e => chain.ContentHashOf(e) == e.ContentHash, ct);
        return await WithUnsealedAsync(report, db.AccessLog.Where(e => !db.AccessLogSeals.Any(s => s.RecordId == e.Id)).Select(e => e.OccurredAt), ct);
    }

    /// <summary>The search index rows must be exactly those the changes imply: a removed one would hide the event.</summary>
    private static bool SubjectsMatch(AuditEvent e) =>
        AuditInterceptor.SubjectsOf(e).Select(s => (s.PersonId, s.EntityType)).ToHashSet()
            .SetEquals(e.Subjects.Select(s => (s.PersonId, s.EntityType)))
        && e.Subjects.Count == e.Subjects.DistinctBy(s => (s.PersonId, s.EntityType)).Count();

    private async Task<ChainReport> WithUnsealedAsync(ChainReport report, IQueryable<DateTimeOffset> unsealed, CancellationToken ct)
    {
        if (!report.Intact)
        {
            return report;
        }

        // A count and the oldest time: a sealer that has been down a long while can leave many records waiting.
        var waiting = await unsealed.CountAsync(ct);
        var oldest = waiting == 0 ? null : await unsealed.OrderBy(t => t).Select(t => (DateTimeOffset?)t).FirstOrDefaultAsync(ct);
        return oldest < AuditChain.RecordTime(clock) - SealingGrace
            ? report with { Problem = ChainProblem.Unsealed, FirstBrokenSequence = report.HeadSequence + 1, Waiting = waiting }
            : report with { Waiting = waiting };
    }

    private async Task<ChainReport> WalkAsync<TRecord>(
        CaseDbContext db,
        string name,
        IAsyncEnumerable<Sealed<TRecord>> seals,
        Func<TRecord, bool> contentIntact,
        CancellationToken ct)
        where TRecord : class, IChainRecord
    {
        var head = await db.ChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Chain == name, ct);
        var headSequence = head?.Sequence ?? 0;
        var headHash = head?.Hash ?? AuditChain.Genesis;
        long expected = 1;
        var previous = AuditChain.Genesis;
        await foreach (var (seal, found) in seals.WithCancellation(ct))
        {
            if (seal.Sequence > expected || found is not { } record)
            {
                return new ChainReport(name, expected - 1, ChainProblem.Missing, expected, headSequence, headHash);
            }

            var intact = contentIntact(record)
                && string.Equals(chain.SealHashOf(seal.Sequence, seal.PreviousHash, seal.RecordId, record.ContentHash), seal.Hash, StringComparison.Ordinal);
            if (!intact)
            {
                // Content and hashes disagree: if the link to the previous record is also off, the record was moved.
                var problem = string.Equals(seal.PreviousHash, previous, StringComparison.Ordinal) ? ChainProblem.Altered : ChainProblem.OutOfOrder;
                return new ChainReport(name, expected - 1, problem, seal.Sequence, headSequence, headHash);
            }

            if (!string.Equals(seal.PreviousHash, previous, StringComparison.Ordinal))
            {
                return new ChainReport(name, expected - 1, ChainProblem.OutOfOrder, seal.Sequence, headSequence, headHash);
            }

            previous = seal.Hash;
            expected = seal.Sequence + 1;
        }

        var last = expected - 1;
        if (last != headSequence || !string.Equals(previous, headHash, StringComparison.Ordinal))
        {
            return new ChainReport(name, last, ChainProblem.HeadMismatch, last + 1, headSequence, headHash);
        }

        return new ChainReport(name, last, ChainProblem.None, null, headSequence, headHash);
    }
}

/// <summary>A seal and the record it names (null when the record is gone).</summary>
internal sealed record Sealed<TRecord>(ChainSeal Seal, TRecord? Record)
    where TRecord : class;
