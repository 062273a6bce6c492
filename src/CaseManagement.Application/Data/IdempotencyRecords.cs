using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManagement.Application.Data;

/// <summary>
/// A create sent with an <c>Idempotency-Key</c> (R30): who sent it, a hash of what was sent, and the answer given,
/// so a retry or a double click gets the first answer instead of a second record. Stored in the transaction of the
/// create itself; the unique index on (user, key) lets only one of two concurrent requests commit.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyMaxLength = 255;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string Key { get; set; } = "";

    /// <summary>SHA-256 (hex) of the method, the path and the body as bound.</summary>
    public string RequestHash { get; set; } = "";

    /// <summary>Null until the response is known (set right after the commit).</summary>
    public int? Status { get; set; }

    public string? Location { get; set; }

    /// <summary>The created record's reference (its id); create answers carry no personal data.</summary>
    public string? ResponseBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.KeyMaxLength).IsRequired();
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Location).HasMaxLength(400);
        builder.Property(r => r.ResponseBody).HasMaxLength(4000);
        builder.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
        builder.HasIndex(r => r.CreatedAt);
    }
}

/// <summary>
/// Carries the key of the current request from the API's filter to the transaction behaviour, which stores it with
/// the command's changes. Per request (scoped); empty for pages and for requests without a key.
/// </summary>
public sealed class IdempotencyScope
{
    private (IdempotencyRecord Record, Func<object?, string?> Serialise)? _pending;

    public void Expect(IdempotencyRecord record, Func<object?, string?> serialise) => _pending = (record, serialise);

    /// <summary>The first command of the request takes the key; any later one does not.</summary>
    internal (IdempotencyRecord Record, Func<object?, string?> Serialise)? Take()
    {
        var pending = _pending;
        _pending = null;
        return pending;
    }
}
