using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CaseManagement.Application.Auditing;

/// <summary>
/// HMAC-SHA-256 hash chains over the change audit and the access log. Each record carries the HMAC of its content;
/// each record's seal covers that and the previous seal's hash, so a changed byte, a deleted record or two swapped
/// records break the chain at that place. Records are sealed into their chain by <see cref="ChainSealer"/>; the head
/// (last sequence and hash) is kept in <see cref="ChainHead"/> and exported to the application log, so history cannot
/// be rewritten from inside the database alone.
/// </summary>
public sealed class AuditChain(IOptions<ProtectionOptions> options)
{
    public const string AuditEvents = "audit";
    public const string AccessLog = "access";
    public const string Genesis = "genesis";

    private readonly byte[] _key = KeyFrom(options.Value.ChainKey);

    /// <summary>
    /// Record times are kept to the millisecond: every provider stores that exactly (SQLite's binary form keeps
    /// 0.1 ms, PostgreSQL 1 µs), so the hash computed at write time is the hash recomputed after reading.
    /// </summary>
    public static DateTimeOffset RecordTime(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
    }

    /// <summary>The HMAC of an audit event's whole content, computed when it is written and stored with it.</summary>
    public string ContentHashOf(AuditEvent e) => Mac(Canonical(w =>
    {
        w.WriteStringValue(e.Id);
        w.WriteNumberValue(e.OccurredAt.ToUnixTimeMilliseconds());
        WriteNullable(w, e.UserId);
        WriteNullable(w, e.UnitId);
        w.WriteStringValue(e.Roles);
        w.WriteStringValue(e.MessageName);
        w.WriteStringValue(e.CorrelationId);
        w.WriteStringValue(e.ClientAddress);
        WriteNullable(w, e.EmergencyAccessId);
        w.WriteStartArray();
        foreach (var c in e.Changes.OrderBy(c => c.Ordinal))
        {
            w.WriteStartArray();
            w.WriteNumberValue(c.Ordinal);
            w.WriteStringValue(c.EntityType);
            w.WriteStringValue(c.EntityId);
            WriteNullable(w, c.PersonId);
            w.WriteStringValue(c.Operation.ToString());
            w.WriteStringValue(c.Field);
            w.WriteStringValue(c.OldValue);
            w.WriteStringValue(c.NewValue);
            w.WriteBooleanValue(c.IsEncrypted);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }));

    /// <summary>The HMAC of an access entry's whole content, computed when it is written and stored with it.</summary>
    public string ContentHashOf(AccessLogEntry e) => Mac(Canonical(w =>
    {
        w.WriteStringValue(e.Id);
        w.WriteNumberValue(e.OccurredAt.ToUnixTimeMilliseconds());
        w.WriteStringValue(e.UserId);
        w.WriteStringValue(e.UnitId);
        w.WriteStringValue(e.AgencyId);
        w.WriteStringValue(e.Roles);
        WriteNullable(w, e.PersonId);
        WriteNullable(w, e.FollowUpId);
        w.WriteStringValue(e.Section);
        w.WriteStringValue(e.Purpose.ToString());
        w.WriteStringValue(e.Outcome.ToString());
        w.WriteStringValue(e.MessageName);
        w.WriteNumberValue(e.ResultCount);
        w.WriteStringValue(e.ClientAddress);
    }));

    /// <summary>
    /// The content as one JSON array, written field by field in a fixed order: the same bytes at write time and when
    /// the verifier recomputes them, without reflection.
    /// </summary>
    private static ArrayBufferWriter<byte> Canonical(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartArray();
        write(writer);
        writer.WriteEndArray();
        writer.Flush();
        return buffer;
    }

    private static void WriteNullable(Utf8JsonWriter writer, Guid? value)
    {
        if (value is { } id)
        {
            writer.WriteStringValue(id);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>
    /// A seal's hash: the previous seal's hash, the place in the chain, the record and its content hash. Changing a
    /// record breaks its content hash; moving, removing or inserting one breaks the links.
    /// </summary>
    public string SealHashOf(long sequence, string previousHash, Guid recordId, string contentHash) =>
        Mac(string.Create(CultureInfo.InvariantCulture, $"{previousHash}\n{sequence}\n{recordId:N}\n{contentHash}"));

    private string Mac(string content) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(content)));

    private string Mac(ArrayBufferWriter<byte> content) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, content.WrittenSpan));

    private static byte[] KeyFrom(string base64)
    {
        var key = string.IsNullOrEmpty(base64) ? [] : Convert.FromBase64String(base64);
        return key.Length >= 32 ? key : throw new InvalidOperationException("Protection:ChainKey must be at least 32 bytes (base64).");
    }
}
