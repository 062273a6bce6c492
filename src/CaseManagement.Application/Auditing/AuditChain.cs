using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaseManagement.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseManagement.Application.Auditing;

/// <summary>
/// HMAC-SHA-256 hash chains over the change audit and the access log. Each record's hash covers its own content and
/// the previous record's hash, so a changed byte, a deleted record or two swapped records break the chain at that
/// place. The head (last sequence and hash) is kept in <see cref="ChainHead"/> and exported to the application log,
/// so history cannot be rewritten from inside the database alone.
/// </summary>
public sealed class AuditChain(IOptions<ProtectionOptions> options)
{
    public const string AuditEvents = "audit";
    public const string AccessLog = "access";
    public const string Genesis = "genesis";

    private readonly byte[] _key = KeyFrom(options.Value.ChainKey);

    /// <summary>Takes the next place in the chain (tracked head, checked for concurrent appends on save).</summary>
    public static async Task<(long Sequence, string PreviousHash, ChainHead Head)> NextAsync(CaseDbContext db, string chain, CancellationToken ct)
    {
        var head = db.ChainHeads.Local.FirstOrDefault(h => h.Chain == chain)
            ?? await db.ChainHeads.SingleOrDefaultAsync(h => h.Chain == chain, ct);
        if (head is null)
        {
            head = new ChainHead { Chain = chain, Sequence = 0, Hash = Genesis, Version = 0 };
            db.ChainHeads.Add(head);
        }

        return (head.Sequence + 1, head.Hash, head);
    }

    /// <summary>
    /// Record times are kept to the millisecond: every provider stores that exactly (SQLite's binary form keeps
    /// 0.1 ms, PostgreSQL 1 µs), so the hash computed at write time is the hash recomputed after reading.
    /// </summary>
    public static DateTimeOffset RecordTime(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
    }

    public static void Advance(CaseDbContext db, ChainHead head, long sequence, string hash)
    {
        head.Sequence = sequence;
        head.Hash = hash;
        head.Version++;
        // Automatic change detection is off during an audited save: tell EF about this one entity.
        db.Entry(head).DetectChanges();
    }

    public string HashOf(AuditEvent e) => Mac(e.PreviousHash, JsonSerializer.Serialize(new object?[]
    {
        e.Id, e.Sequence, e.OccurredAt.ToUnixTimeMilliseconds(), e.UserId, e.UnitId, e.Roles, e.MessageName, e.CorrelationId, e.ClientAddress, e.EmergencyAccessId,
        e.Changes.OrderBy(c => c.Ordinal).Select(c => new object?[]
        {
            c.Id, c.Ordinal, c.EntityType, c.EntityId, c.PersonId, c.Operation.ToString(), c.Field, c.OldValue, c.NewValue, c.IsEncrypted,
        }),
    }));

    public string HashOf(AccessLogEntry e) => Mac(e.PreviousHash, JsonSerializer.Serialize(new object?[]
    {
        e.Id, e.Sequence, e.OccurredAt.ToUnixTimeMilliseconds(), e.UserId, e.UnitId, e.AgencyId, e.Roles, e.PersonId, e.FollowUpId, e.Section,
        e.Purpose.ToString(), e.Outcome.ToString(), e.MessageName, e.ResultCount, e.ClientAddress,
    }));

    private string Mac(string previousHash, string content)
    {
        using var hmac = new HMACSHA256(_key);
        return Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes(previousHash + "\n" + content)));
    }

    private static byte[] KeyFrom(string base64)
    {
        var key = string.IsNullOrEmpty(base64) ? [] : Convert.FromBase64String(base64);
        return key.Length >= 32 ? key : throw new InvalidOperationException("Protection:ChainKey must be at least 32 bytes (base64).");
    }
}
