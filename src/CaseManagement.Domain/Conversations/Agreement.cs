using CaseManagement.Domain.Auditing;

namespace CaseManagement.Domain.Conversations;

/// <summary>Who is responsible for keeping an agreement.</summary>
public enum AgreementResponsible
{
    Person,
    Guardian,
    Service,
}

public enum AgreementStatus
{
    Active,
    Kept,
    NotKept,
    Cancelled,
}

/// <summary>Avtale: what was agreed in a conversation, who is responsible, and when it is reviewed.</summary>
public sealed class Agreement
{
    public const int TextMaxLength = 1000;
    public const int NameMaxLength = 200;

    private readonly List<AgreementReview> _reviews = [];

    public Guid Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public Guid FollowUpId { get; private set; }
    [Sensitive]
    public string Text { get; private set; } = "";
    public AgreementResponsible Responsible { get; private set; }

    /// <summary>The guardian's name or the service, when the responsible party is not the person.</summary>
    public string? ResponsibleName { get; private set; }
    public DateOnly ReviewOn { get; private set; }
    public AgreementStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedByUserId { get; private set; }

    public IReadOnlyList<AgreementReview> Reviews => _reviews;

    private Agreement()
    {
    }

    public static Agreement Make(
        Guid id, Guid conversationId, Guid followUpId, string text, AgreementResponsible responsible, string? responsibleName,
        DateOnly reviewOn, Guid createdBy, DateTimeOffset now) =>
        new()
        {
            Id = id,
            ConversationId = conversationId,
            FollowUpId = followUpId,
            Text = text,
            Responsible = responsible,
            ResponsibleName = responsibleName,
            ReviewOn = reviewOn,
            Status = AgreementStatus.Active,
            CreatedAt = now,
            CreatedByUserId = createdBy,
        };

    /// <summary>A review: the new status with a note; an agreement still active gets its next review date.</summary>
    public AgreementReview Review(Guid reviewId, AgreementStatus status, string note, DateOnly? nextReviewOn, DateOnly today, Guid by, DateTimeOffset now)
    {
        var review = new AgreementReview(reviewId, Id, today, status, note, by, now);
        _reviews.Add(review);
        Status = status;
        if (nextReviewOn is { } next)
        {
            ReviewOn = next;
        }

        return review;
    }
}

/// <summary>One review of an agreement: the status found and a note.</summary>
public sealed class AgreementReview
{
    public const int NoteMaxLength = 1000;

    public Guid Id { get; private set; }
    public Guid AgreementId { get; private set; }
    public DateOnly ReviewedOn { get; private set; }
    public AgreementStatus Status { get; private set; }
    [Sensitive]
    public string Note { get; private set; } = "";
    public Guid ReviewedByUserId { get; private set; }
    public DateTimeOffset ReviewedAt { get; private set; }

    private AgreementReview()
    {
    }

    internal AgreementReview(Guid id, Guid agreementId, DateOnly reviewedOn, AgreementStatus status, string note, Guid by, DateTimeOffset now)
    {
        Id = id;
        AgreementId = agreementId;
        ReviewedOn = reviewedOn;
        Status = status;
        Note = note;
        ReviewedByUserId = by;
        ReviewedAt = now;
    }
}
