using CaseManagement.Application.Auditing;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CaseManagement.Application.Data;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.UserId, e.OccurredAt });
        builder.Property(e => e.Roles).HasMaxLength(500);
        builder.Property(e => e.MessageName).HasMaxLength(200);
        builder.Property(e => e.CorrelationId).HasMaxLength(100);
        builder.Property(e => e.ClientAddress).HasMaxLength(64);
        // The field changes of one save as one document (ADR-017): one row per event instead of one per field.
        builder.Property(e => e.Changes).HasConversion(AuditChangesJson.Converter, AuditChangesJson.Comparer);
        builder.Property(e => e.ContentHash).HasMaxLength(64).IsUnicode(false);
        // The subject index is written in the same batch; no foreign key (a key check per row for a table that is
        // append-only and checked by the verifier against the changes themselves).
        builder.Ignore(e => e.Subjects);
    }
}

internal sealed class AuditSubjectConfiguration : IEntityTypeConfiguration<AuditSubject>
{
    public void Configure(EntityTypeBuilder<AuditSubject> builder)
    {
        builder.ToTable("AuditSubjects");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.EntityType).HasMaxLength(100);
        builder.HasIndex(s => s.AuditEventId);
        builder.HasIndex(s => s.PersonId);
        builder.HasIndex(s => s.EntityType);
    }
}

internal sealed class AuditEventSealConfiguration : IEntityTypeConfiguration<AuditEventSeal>
{
    public void Configure(EntityTypeBuilder<AuditEventSeal> builder) => ChainSealMapping.Configure(builder, "AuditEventSeals");
}

internal sealed class AccessLogSealConfiguration : IEntityTypeConfiguration<AccessLogSeal>
{
    public void Configure(EntityTypeBuilder<AccessLogSeal> builder) => ChainSealMapping.Configure(builder, "AccessLogSeals");
}

internal static class ChainSealMapping
{
    public static void Configure<TSeal>(EntityTypeBuilder<TSeal> builder, string table)
        where TSeal : ChainSeal
    {
        builder.ToTable(table);
        // The sequence is the key: two sealers taking the same place cannot both succeed.
        builder.HasKey(s => s.Sequence);
        builder.Property(s => s.Sequence).ValueGeneratedNever();
        builder.HasIndex(s => s.RecordId).IsUnique();
        builder.Property(s => s.PreviousHash).HasMaxLength(64).IsUnicode(false);
        builder.Property(s => s.Hash).HasMaxLength(64).IsUnicode(false);
    }
}

/// <summary>
/// How <see cref="AuditEvent.Changes"/> is stored: JSON text, the same on every provider, grouped by record (kind, key,
/// person) so that each record's identity is written once, with short names and without default values. A new
/// person's registration stays well under a kilobyte, so PostgreSQL keeps it in the row instead of out of line.
/// </summary>
internal static class AuditChangesJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    public static readonly ValueConverter<List<AuditChange>, string> Converter = new(
        v => Write(v),
        v => Read(v));

    // Audit events are never updated, so the list is compared by reference only.
    public static readonly ValueComparer<List<AuditChange>> Comparer = new(
        (a, b) => ReferenceEquals(a, b),
        v => v.Count,
        v => v);

    private static string Write(List<AuditChange> changes) => JsonSerializer.Serialize(
        changes
            .GroupBy(c => (c.EntityType, c.EntityId, c.PersonId))
            .Select(g => new RecordDocument(g.Key.EntityType, g.Key.EntityId, g.Key.PersonId, g.Select(c => new FieldDocument(c.Ordinal, c.Operation, c.Field, c.OldValue, c.NewValue, c.IsEncrypted)).ToList()))
            .ToList(),
        Options);

    private static List<AuditChange> Read(string json) =>
        (JsonSerializer.Deserialize<List<RecordDocument>>(json, Options) ?? [])
            .SelectMany(r => r.Fields.Select(f => new AuditChange
            {
                Ordinal = f.Ordinal, EntityType = r.EntityType, EntityId = r.EntityId, PersonId = r.PersonId,
                Operation = f.Operation, Field = f.Field, OldValue = f.OldValue, NewValue = f.NewValue, IsEncrypted = f.IsEncrypted,
            }))
            .OrderBy(c => c.Ordinal)
            .ToList();

    private sealed record RecordDocument(
        [property: JsonPropertyName("t")] string EntityType,
        [property: JsonPropertyName("k")] string EntityId,
        [property: JsonPropertyName("p")] Guid? PersonId,
        [property: JsonPropertyName("c")] List<FieldDocument> Fields);

    private sealed record FieldDocument(
        [property: JsonPropertyName("i")] int Ordinal,
        [property: JsonPropertyName("o")] AuditOperation Operation,
        [property: JsonPropertyName("f")] string Field,
        [property: JsonPropertyName("old")] string? OldValue,
        [property: JsonPropertyName("new")] string? NewValue,
        [property: JsonPropertyName("e")] bool IsEncrypted);
}

internal sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> builder)
    {
        builder.ToTable("AccessLog");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.PersonId, e.OccurredAt });
        builder.HasIndex(e => new { e.UserId, e.OccurredAt });
        builder.Property(e => e.Roles).HasMaxLength(500);
        builder.Property(e => e.Section).HasMaxLength(100);
        builder.Property(e => e.MessageName).HasMaxLength(200);
        builder.Property(e => e.ClientAddress).HasMaxLength(64);
        builder.Property(e => e.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.ContentHash).HasMaxLength(64).IsUnicode(false);
    }
}

internal sealed class ChainHeadConfiguration : IEntityTypeConfiguration<ChainHead>
{
    public void Configure(EntityTypeBuilder<ChainHead> builder)
    {
        builder.ToTable("ChainHeads");
        builder.HasKey(h => h.Chain);
        builder.Property(h => h.Chain).HasMaxLength(20);
        builder.Property(h => h.Hash).HasMaxLength(64).IsUnicode(false);
        // Two sealers read the same head; the second save fails instead of forking the chain.
        builder.Property(h => h.Version).IsConcurrencyToken();
    }
}
