namespace CaseManagement.Domain.Sharing;

/// <summary>
/// A legal basis for disclosure without consent (e.g. forvaltningsloven § 13 b nr. 7). Kept as data, not code:
/// the law changes (a new forvaltningslov has passed), and a basis can be retired without a release (ADR-028).
/// A basis is offered for a NEW disclosure only while it is not retired and the day is within its validity;
/// disclosures already made keep pointing at it, so it is never deleted.
/// </summary>
public sealed class LegalBasis
{
    public const int CodeMaxLength = 50;
    public const int TitleMaxLength = 300;
    public const int LawMaxLength = 120;
    public const int SectionMaxLength = 120;
    public const int SummaryMaxLength = 2000;

    public Guid Id { get; private set; }
    public string Code { get; private set; }
    public string Title { get; private set; }

    /// <summary>The citation as shown ("forvaltningsloven § 13 b første ledd nr. 7"): the law and the section.</summary>
    public string Reference { get; private set; }
    public string Law { get; private set; }
    public string Section { get; private set; }

    /// <summary>What the basis allows, in plain Norwegian, for the one who chooses it.</summary>
    public string Summary { get; private set; }

    /// <summary>The first day (Europe/Oslo) a new disclosure may be made on it.</summary>
    public DateOnly ValidFrom { get; private set; }

    /// <summary>The last day (Europe/Oslo) a new disclosure may be made on it; none: until retired.</summary>
    public DateOnly? ValidTo { get; private set; }

    public DateTimeOffset? RetiredAt { get; private set; }

    public LegalBasis(Guid id, string code, string title, string law, string section, string summary, DateOnly validFrom, DateOnly? validTo = null)
    {
        Id = id;
        Code = code;
        Title = title;
        Law = law;
        Section = section;
        Reference = law + " " + section;
        Summary = summary;
        ValidFrom = validFrom;
        ValidTo = validTo;
    }

    public bool IsUsableOn(DateOnly day) => RetiredAt is null && ValidFrom <= day && (ValidTo is null || day <= ValidTo);

    /// <summary>No new disclosures on it from now on; an earlier retirement stands.</summary>
    public void Retire(DateTimeOffset now) => RetiredAt ??= now;
}
