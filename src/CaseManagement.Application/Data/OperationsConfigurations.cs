using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManagement.Application.Data;

/// <summary>
/// One fixed window of the sign-in throttle (the web host's <c>LoginThrottle</c>), kept in the database so every
/// instance counts against the same limit. Mechanics, not a record of anyone's actions: not audited.
/// </summary>
public sealed class LoginThrottleWindow
{
    /// <summary>"ip:…", "user:…" (upper-cased typed name) or "account:…".</summary>
    public required string Key { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public int Count { get; set; }
}

internal sealed class LoginThrottleWindowConfiguration : IEntityTypeConfiguration<LoginThrottleWindow>
{
    public const int MaxKeyLength = 300;

    public void Configure(EntityTypeBuilder<LoginThrottleWindow> builder)
    {
        builder.HasKey(w => w.Key);
        builder.Property(w => w.Key).HasMaxLength(MaxKeyLength);
        // Sweeping ended windows looks them up by end.
        builder.HasIndex(w => w.EndsAt);
    }
}
