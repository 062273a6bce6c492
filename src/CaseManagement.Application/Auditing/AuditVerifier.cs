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
}

/// <summary>The verifier's answer for one chain: how far it holds, and the first place it breaks.</summary>
public sealed record ChainReport(string Chain, long Checked, ChainProblem Problem, long? FirstBrokenSequence, long HeadSequence, string HeadHash)
{
    public bool Intact => Problem == ChainProblem.None;
}

/// <summary>Walks a chain from the start and names the first record where it breaks.</summary>
public sealed class AuditVerifier(AuditChain chain)
{
    public async Task<IReadOnlyList<ChainReport>> VerifyAllAsync(CaseDbContext db, CancellationToken ct) =>
        [await VerifyAuditEventsAsync(db, ct), await VerifyAccessLogAsync(db, ct)];

    public async Task<ChainReport> VerifyAuditEventsAsync(CaseDbContext db, CancellationToken ct)
    {
        var records = db.AuditEvents.AsNoTracking().Include(e => e.Changes).OrderBy(e => e.Sequence).AsAsyncEnumerable();
        return await WalkAsync(db, AuditChain.AuditEvents, records, e => (e.Sequence, e.PreviousHash, e.Hash, chain.HashOf(e)), ct);
    }

    public async Task<ChainReport> VerifyAccessLogAsync(CaseDbContext db, CancellationToken ct)
    {
        var records = db.AccessLog.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
        return await WalkAsync(db, AuditChain.AccessLog, records, e => (e.Sequence, e.PreviousHash, e.Hash, chain.HashOf(e)), ct);
    }

    private static async Task<ChainReport> WalkAsync<T>(
        CaseDbContext db, string name, IAsyncEnumerable<T> records, Func<T, (long Sequence, string Previous, string Hash, string Recomputed)> read, CancellationToken ct)
    {
        var head = await db.ChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Chain == name, ct);
        var headSequence = head?.Sequence ?? 0;
        var headHash = head?.Hash ?? AuditChain.Genesis;
        long expected = 1;
        var previous = AuditChain.Genesis;
        await foreach (var record in records.WithCancellation(ct))
        {
            var (sequence, storedPrevious, hash, recomputed) = read(record);
            if (sequence > expected)
            {
                return new ChainReport(name, expected - 1, ChainProblem.Missing, expected, headSequence, headHash);
            }

            if (!string.Equals(recomputed, hash, StringComparison.Ordinal))
            {
                // Content and hash disagree: if the link to the previous record is also off, the record was moved.
                var problem = string.Equals(storedPrevious, previous, StringComparison.Ordinal) ? ChainProblem.Altered : ChainProblem.OutOfOrder;
                return new ChainReport(name, expected - 1, problem, sequence, headSequence, headHash);
            }

            if (!string.Equals(storedPrevious, previous, StringComparison.Ordinal))
            {
                return new ChainReport(name, expected - 1, ChainProblem.OutOfOrder, sequence, headSequence, headHash);
            }

            previous = hash;
            expected = sequence + 1;
        }

        var last = expected - 1;
        if (last != headSequence || !string.Equals(previous, headHash, StringComparison.Ordinal))
        {
            return new ChainReport(name, last, ChainProblem.HeadMismatch, last + 1, headSequence, headHash);
        }

        return new ChainReport(name, last, ChainProblem.None, null, headSequence, headHash);
    }
}
