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
}

/// <summary>A unit of an agency: a police station, NAV, child welfare, a school…</summary>
public sealed class Unit
{
    public Guid Id { get; private set; }
    public Guid AgencyId { get; private set; }
    public string Name { get; private set; }
    public UnitKind Kind { get; private set; }

    public Unit(Guid id, Guid agencyId, string name, UnitKind kind)
    {
        Id = id;
        AgencyId = agencyId;
        Name = name;
        Kind = kind;
    }
}
