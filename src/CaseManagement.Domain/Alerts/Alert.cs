namespace CaseManagement.Domain.Alerts;

/// <summary>What raised an alert. The mentor's escalation is the first producer; others may follow.</summary>
public enum AlertKind
{
    /// <summary>A mentor fears serious crime (avvergelsesplikt, straffeloven § 196).</summary>
    MentorEscalation,
}

/// <summary>
/// Varsel: something named people must see and act on at once. It carries no record content: who raised it, about
/// which record (an id and a local link), and the least label the recipients need (ADR-014). Each recipient reads
/// and handles it on their own.
/// </summary>
public sealed class Alert
{
    public const int LabelMaxLength = 200;
    public const int LinkMaxLength = 300;

    private readonly List<AlertRecipient> _recipients = [];

    public Guid Id { get; private set; }
    public AlertKind Kind { get; private set; }

    /// <summary>The follow-up the alert is about (links the alert to the person in the audit).</summary>
    public Guid FollowUpId { get; private set; }

    /// <summary>The record that raised it (e.g. the mentor session).</summary>
    public Guid SourceId { get; private set; }

    /// <summary>The assignment (or other parent record) the alert is about.</summary>
    public Guid SubjectId { get; private set; }

    public Guid RaisedByUserId { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }

    /// <summary>The least the recipients need to act: the mentee's first name and age, never session content.</summary>
    public string SubjectLabel { get; private set; } = "";

    public IReadOnlyList<AlertRecipient> Recipients => _recipients;

    private Alert()
    {
    }

    public static Alert Raise(
        Guid id, AlertKind kind, Guid followUpId, Guid subjectId, Guid sourceId, string subjectLabel, Guid raisedBy, IEnumerable<Guid> recipients, DateTimeOffset now)
    {
        var alert = new Alert
        {
            Id = id,
            Kind = kind,
            FollowUpId = followUpId,
            SubjectId = subjectId,
            SourceId = sourceId,
            SubjectLabel = subjectLabel,
            RaisedByUserId = raisedBy,
            RaisedAt = now,
        };
        foreach (var userId in recipients.Distinct())
        {
            alert._recipients.Add(new AlertRecipient(Guid.CreateVersion7(), id, followUpId, userId));
        }

        return alert;
    }
}

/// <summary>One recipient of an alert, with their own read and handled state.</summary>
public sealed class AlertRecipient
{
    public const int NoteMaxLength = 2000;

    public Guid Id { get; private set; }
    public Guid AlertId { get; private set; }
    public Guid FollowUpId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }
    public DateTimeOffset? HandledAt { get; private set; }
    public Guid? HandledByUserId { get; private set; }

    /// <summary>What the recipient did (called the mentor, informed the police on duty, …).</summary>
    [Auditing.Sensitive]
    public string? HandlingNote { get; private set; }

    internal AlertRecipient(Guid id, Guid alertId, Guid followUpId, Guid userId)
    {
        Id = id;
        AlertId = alertId;
        FollowUpId = followUpId;
        UserId = userId;
    }

    public bool IsHandled => HandledAt is not null;

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;

    public void Handle(Guid userId, string note, DateTimeOffset now)
    {
        ReadAt ??= now;
        HandledAt = now;
        HandledByUserId = userId;
        HandlingNote = note;
    }
}
