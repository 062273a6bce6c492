namespace CaseManagement.Domain.Sharing;

/// <summary>
/// A legal basis for disclosure without consent (e.g. forvaltningsloven § 13 b nr. 7). Kept as data, not code:
/// the law changes (a new forvaltningslov has passed), and a basis can be retired without a release.
/// </summary>
public sealed class LegalBasis
{
    public Guid Id { get; private set; }
    public string Code { get; private set; }
    public string Title { get; private set; }
    public string Reference { get; private set; }
    public bool Active { get; private set; }

    public LegalBasis(Guid id, string code, string title, string reference, bool active = true)
    {
        Id = id;
        Code = code;
        Title = title;
        Reference = reference;
        Active = active;
    }

    public void Retire() => Active = false;
}
