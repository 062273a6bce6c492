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
        builder.HasMany(e => e.Subjects).WithOne().HasForeignKey(s => s.AuditEventId).OnDelete(DeleteBehavior.Restrict);
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

/// <summary>How <see cref="AuditEvent.Changes"/> is stored: JSON text, the same on every provider.</summary>
internal static class AuditChangesJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly ValueConverter<List<AuditChange>, string> Converter = new(
        v => JsonSerializer.Serialize(v, Options),
        v => JsonSerializer.Deserialize<List<AuditChange>>(v, Options) ?? new List<AuditChange>());

    // Audit events are never updated, so the list is compared by reference only.
    public static readonly ValueComparer<List<AuditChange>> Comparer = new(
        (a, b) => ReferenceEquals(a, b),
        v => v.Count,
        v => v);
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
