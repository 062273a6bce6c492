namespace CaseManagement.Domain.Access;

/// <summary>
/// The one-time activation link of a new user (ADR-026): the user sets a password and enrols an authenticator with
/// it. Only the SHA-256 hash of the random token is kept, so a copy of the database opens no account. Open until it
/// is used, revoked (also by a newer invitation) or <see cref="Lifetime"/> has passed.
/// </summary>
public sealed class UserInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);

    /// <summary>Hex of a SHA-256 hash.</summary>
    public const int TokenHashLength = 64;

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>Never the token itself; not in the change audit either (a hash of a secret is mechanics).</summary>
    [Auditing.NotAudited]
    public string TokenHash { get; private set; } = "";

    public Guid CreatedByUserId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    private UserInvitation()
    {
    }

    public static UserInvitation Issue(Guid id, Guid userId, string tokenHash, Guid createdBy, DateTimeOffset now) => new()
    {
        Id = id,
        UserId = userId,
        TokenHash = tokenHash,
        CreatedByUserId = createdBy,
        CreatedAt = now,
        ExpiresAt = now + Lifetime,
    };

    public bool IsOpenAt(DateTimeOffset now) => UsedAt is null && RevokedAt is null && now < ExpiresAt;

    public void MarkUsed(DateTimeOffset now) => UsedAt = now;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
