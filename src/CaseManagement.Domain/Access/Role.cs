namespace CaseManagement.Domain.Access;

/// <summary>The user roles of DOMAIN.md. A user holds one or more.</summary>
public enum Role
{
    /// <summary>Forebyggende politi.</summary>
    PolicePreventionOfficer,

    /// <summary>Radikaliseringskontakt.</summary>
    RadicalisationContact,

    /// <summary>SLT / folkehelse: the municipality's prevention coordinator.</summary>
    PreventionCoordinator,

    /// <summary>Saksbehandler (NAV, barnevern, skole, helse).</summary>
    CaseWorker,

    /// <summary>Koordinator for individuell plan.</summary>
    PlanCoordinator,

    Mentor,

    /// <summary>Familieveileder.</summary>
    FamilyGuide,

    /// <summary>Personvernombud / loggkontrollør.</summary>
    PrivacyOfficer,

    Administrator,
}

/// <summary>What a role may do at all. Record-level access (team, agency, disclosure) is decided on top of this.</summary>
public enum Capability
{
    ReadPersons,
    RegisterPerson,
    CorrectPerson,
}

/// <summary>The one table of role → capabilities. Deny by default: a capability not listed is refused.</summary>
public static class RoleCapabilities
{
    private static readonly Dictionary<Role, Capability[]> Table = new()
    {
        [Role.PolicePreventionOfficer] = [Capability.ReadPersons, Capability.RegisterPerson, Capability.CorrectPerson],
        [Role.RadicalisationContact] = [Capability.ReadPersons, Capability.RegisterPerson, Capability.CorrectPerson],
        [Role.PreventionCoordinator] = [Capability.ReadPersons, Capability.RegisterPerson, Capability.CorrectPerson],
        [Role.CaseWorker] = [Capability.ReadPersons, Capability.RegisterPerson, Capability.CorrectPerson],
        [Role.PlanCoordinator] = [Capability.ReadPersons, Capability.CorrectPerson],
        // A mentor sees only their mentees' minimal profile (mentor issue), never the register.
        [Role.Mentor] = [],
        [Role.FamilyGuide] = [Capability.ReadPersons],
        // Privacy officers and administrators read no case content.
        [Role.PrivacyOfficer] = [],
        [Role.Administrator] = [],
    };

    public static bool Grants(IEnumerable<Role> roles, Capability capability) =>
        roles.Any(r => Table.TryGetValue(r, out var caps) && caps.Contains(capability));

    public static IReadOnlyList<Capability> Of(Role role) => Table.TryGetValue(role, out var caps) ? caps : [];
}
