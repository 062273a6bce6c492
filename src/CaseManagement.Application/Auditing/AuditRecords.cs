namespace CaseManagement.Application.Auditing;

public enum AuditOperation
{
    Insert,
    Update,
    Delete,

    /// <summary>A value re-encrypted under the active key by a key rotation; unchanged, so no value is recorded.</summary>
    Reencrypt,
}

/// <summary>
/// One saved change set (one command): who, when, through which message, from where. Its changes are one entry per
/// changed field. Events form a hash chain (<see cref="AuditChain"/>): each covers the previous one's hash.
/// </summary>
public sealed class AuditEvent
{
    public Guid Id { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Guid? UserId { get; set; }
    public Guid? UnitId { get; set; }
    public string Roles { get; set; } = "";
    public string MessageName { get; set; } = "";
    public string CorrelationId { get; set; } = "";
    public string? ClientAddress { get; set; }
    public Guid? EmergencyAccessId { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
    public List<AuditChange> Changes { get; set; } = [];
}

/// <summary>One changed field of one record. Sensitive values are stored encrypted (<see cref="FieldProtector"/>).</summary>
public sealed class AuditChange
{
    public Guid Id { get; set; }
    public Guid AuditEventId { get; set; }
    public int Ordinal { get; set; }
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public Guid? PersonId { get; set; }
    public AuditOperation Operation { get; set; }
    public string Field { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public bool IsEncrypted { get; set; }
}

public enum AccessPurpose
{
    /// <summary>Normal work as a team member or in the owning agency.</summary>
    NormalWork,

    /// <summary>Through a disclosure to the user's unit.</summary>
    Disclosure,

    /// <summary>Through emergency access ("break the glass").</summary>
    EmergencyAccess,
}

public enum AccessOutcome
{
    Granted,
    Refused,
}

/// <summary>
/// One read (or refused attempt) of a person's data: who, which person, what was shown, why. Written and committed
/// before the data is returned, in its own hash chain.
/// </summary>
public sealed class AccessLogEntry
{
    public Guid Id { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Guid UserId { get; set; }
    public Guid UnitId { get; set; }
    public Guid AgencyId { get; set; }
    public string Roles { get; set; } = "";
    public Guid? PersonId { get; set; }
    public Guid? FollowUpId { get; set; }
    public string Section { get; set; } = "";
    public AccessPurpose Purpose { get; set; }
    public AccessOutcome Outcome { get; set; }
    public string MessageName { get; set; } = "";
    public int ResultCount { get; set; }
    public string? ClientAddress { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

/// <summary>The last sequence number and hash of a chain. Updated in the same transaction as each append.</summary>
public sealed class ChainHead
{
    public string Chain { get; set; } = "";
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
    public long Version { get; set; }
}
