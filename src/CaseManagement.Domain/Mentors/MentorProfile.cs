namespace CaseManagement.Domain.Mentors;

/// <summary>
/// Mentorprofil: a user who works as a mentor, with their training, police certificate (politiattest), capacity and
/// the coordinator who supervises them.
/// </summary>
public sealed class MentorProfile
{
    public const int MaxCapacity = 20;

    /// <summary>How long a police certificate is accepted (ours, ADR-014).</summary>
    public const int CertificateValidMonths = 36;

    /// <summary>Warn this many days before the certificate is too old.</summary>
    public const int CertificateWarningDays = 60;

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public DateOnly? TrainingCompletedOn { get; private set; }
    public DateOnly PoliceCertificateIssuedOn { get; private set; }
    public int Capacity { get; private set; }
    public Guid SupervisorUserId { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    private MentorProfile()
    {
    }

    public static MentorProfile Create(Guid id, Guid userId, DateOnly? trainingCompletedOn, DateOnly certificateIssuedOn, int capacity, Guid supervisor, DateTimeOffset now) =>
        new()
        {
            Id = id,
            UserId = userId,
            TrainingCompletedOn = trainingCompletedOn,
            PoliceCertificateIssuedOn = certificateIssuedOn,
            Capacity = capacity,
            SupervisorUserId = supervisor,
            UpdatedAt = now,
        };

    public void Update(DateOnly? trainingCompletedOn, DateOnly certificateIssuedOn, int capacity, Guid supervisor, DateTimeOffset now)
    {
        TrainingCompletedOn = trainingCompletedOn;
        PoliceCertificateIssuedOn = certificateIssuedOn;
        Capacity = capacity;
        SupervisorUserId = supervisor;
        UpdatedAt = now;
    }

    /// <summary>The last day the certificate is accepted.</summary>
    public DateOnly CertificateValidUntil => ValidUntil(PoliceCertificateIssuedOn);

    public static DateOnly ValidUntil(DateOnly issuedOn) => issuedOn.AddMonths(CertificateValidMonths).AddDays(-1);

    public bool CertificateValidOn(DateOnly day) => PoliceCertificateIssuedOn <= day && day <= CertificateValidUntil;
}
