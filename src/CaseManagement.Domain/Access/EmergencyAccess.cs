namespace CaseManagement.Domain.Access;

/// <summary>
/// Nødtilgang ("break the glass"): a user not on the team opens a follow-up with a written reason and a fresh second
/// factor, read-only, for at most <see cref="MaxDuration"/>. Every grant lands in the privacy officer's review queue.
/// </summary>
public sealed class EmergencyAccess
{
    public const int ReasonMinLength = 20;
    public const int ReasonMaxLength = 1000;
    public const int ReviewNoteMaxLength = 2000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(60);

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public Guid FollowUpId { get; private set; }
    [Auditing.Sensitive]
    public string Reason { get; private set; } = "";
    public DateTimeOffset GrantedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public Guid? ReviewedByUserId { get; private set; }

    /// <summary>The privacy officer's conclusion; may describe the person, so encrypted at rest and in the audit.</summary>
    [Auditing.Sensitive]
    public string? ReviewNote { get; private set; }

    public bool IsReviewed => ReviewedAt is not null;

    private EmergencyAccess()
    {
    }

    public static EmergencyAccess Grant(Guid id, Guid userId, Guid followUpId, string reason, DateTimeOffset now) => new()
    {
        Id = id,
        UserId = userId,
        FollowUpId = followUpId,
        Reason = reason,
        GrantedAt = now,
        ExpiresAt = now + MaxDuration,
    };

    public void MarkReviewed(Guid reviewer, string note, DateTimeOffset now)
    {
        ReviewedAt = now;
        ReviewedByUserId = reviewer;
        ReviewNote = note;
    }
}
