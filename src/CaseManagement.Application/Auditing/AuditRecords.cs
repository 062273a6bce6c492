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
/// changed field, stored together as one document (ADR-017); <see cref="Subjects"/> index them by person and record
/// kind. Written in the command's transaction; sealed into the hash chain just after by <see cref="ChainSealer"/>.
/// </summary>
public sealed class AuditEvent : IChainRecord
{
    public Guid Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Guid? UserId { get; set; }
    public Guid? UnitId { get; set; }
    public string Roles { get; set; } = "";
    public string MessageName { get; set; } = "";
    public string CorrelationId { get; set; } = "";
    public string? ClientAddress { get; set; }
    public Guid? EmergencyAccessId { get; set; }
    public List<AuditChange> Changes { get; set; } = [];
    /// <summary>The event's rows in <c>AuditSubjects</c> (written with it; not loaded with it).</summary>
    public List<AuditSubject> Subjects { get; set; } = [];

    /// <summary>HMAC of the content above (<see cref="AuditChain.ContentHashOf(AuditEvent)"/>), set when written.</summary>
    public string ContentHash { get; set; } = "";
}

/// <summary>
/// Which person's records of which kind an event changed: one row per distinct pair, so the privacy officer's
/// search by person or record kind uses an index instead of reading every event's changes.
/// </summary>
public sealed class AuditSubject
{
    public Guid Id { get; set; }
    public Guid AuditEventId { get; set; }
    public Guid? PersonId { get; set; }
    public string EntityType { get; set; } = "";
}

/// <summary>
/// One changed field of one record, an element of <see cref="AuditEvent.Changes"/>. Sensitive values are stored
/// encrypted (<see cref="FieldProtector"/>).
/// </summary>
public sealed class AuditChange
{
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
/// One read (or refused attempt) of a person's data: who, which person, what was shown, why. Committed before the
/// data is returned; sealed into its own hash chain just after by <see cref="ChainSealer"/>.
/// </summary>
public sealed class AccessLogEntry : IChainRecord
{
    public Guid Id { get; set; }
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

    /// <summary>HMAC of the content above (<see cref="AuditChain.ContentHashOf(AccessLogEntry)"/>), set when written.</summary>
    public string ContentHash { get; set; } = "";
}

/// <summary>
/// A record's place in a hash chain: its sequence number, the previous seal's hash, and the HMAC over the previous
/// hash, the sequence, the record's id and its content hash. Seals are append-only like the records they seal. No
/// foreign key to the record: a key check per seal would cost more than the verifier needs, which reports a seal
/// whose record is gone as a missing record.
/// </summary>
public abstract class ChainSeal
{
    public long Sequence { get; set; }
    public Guid RecordId { get; set; }
    public DateTimeOffset SealedAt { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

/// <summary>An audit event's place in the audit chain.</summary>
public sealed class AuditEventSeal : ChainSeal;

/// <summary>An access entry's place in the access chain.</summary>
public sealed class AccessLogSeal : ChainSeal;

/// <summary>
/// The last seal of a chain: sequence, hash, and the time of the newest record sealed (where the sealer's search
/// window starts). Updated with each sealing, guarded by <see cref="Version"/>.
/// </summary>
public sealed class ChainHead
{
    public string Chain { get; set; } = "";
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
    public DateTimeOffset? LastRecordAt { get; set; }
    public long Version { get; set; }
}
