namespace CaseManagement.Domain.Organisation;

public enum AgencyKind
{
    /// <summary>A police district: records fall under politiregisterloven.</summary>
    Police,

    /// <summary>A municipality: records fall under GDPR and the service laws.</summary>
    Municipality,
}

/// <summary>A data controller: a police district or a municipality.</summary>
public sealed class Agency
{
    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public AgencyKind Kind { get; private set; }

    public Agency(Guid id, string name, AgencyKind kind)
    {
        Id = id;
        Name = name;
        Kind = kind;
    }
}

public enum UnitKind
{
    PoliceStation,
    Nav,
    ChildWelfare,
    School,
    Health,
    PreventionCoordination,
    MentorService,
    FamilyGuidance,
    Administration,

    /// <summary>A unit that fits no other kind (e.g. a project team); added with the unit administration (ADR-027).</summary>
    Other,
}

/// <summary>
/// A unit of an agency: a police station, NAV, child welfare, a school… Administered by the agency's own
/// administrators (ADR-027). A deactivated unit keeps its id and name (old disclosures, audit and users' history
/// point at it) but receives no new users, disclosures, consents or referrals and is not offered in pickers.
/// </summary>
public sealed class Unit
{
    public const int NameMaxLength = 200;

    public Guid Id { get; private set; }
    public Guid AgencyId { get; private set; }
    public string Name { get; private set; }
    public UnitKind Kind { get; private set; }
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    public Unit(Guid id, Guid agencyId, string name, UnitKind kind)
    {
        Id = id;
        AgencyId = agencyId;
        Name = name;
        Kind = kind;
    }

    public void Rename(string name, UnitKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public void Deactivate(DateTimeOffset now) => DeactivatedAt ??= now;

    public void Reactivate() => DeactivatedAt = null;
}
