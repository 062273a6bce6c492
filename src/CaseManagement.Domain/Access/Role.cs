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

/// <summary>
/// Which roles exist in which agency (DOMAIN.md, "Who uses it"): police prevention officers and radicalisation
/// contacts work in the police; the prevention coordinator, case workers, plan coordinators, mentors and family
/// guides in the municipality; privacy officers and administrators in either. A user holds only roles of the agency
/// their unit belongs to, so a role can never carry a user across the line between the two data controllers.
/// </summary>
public static class RoleAgencies
{
    public static bool ExistsIn(this Role role, Organisation.AgencyKind agency) => role switch
    {
        Role.PolicePreventionOfficer or Role.RadicalisationContact => agency == Organisation.AgencyKind.Police,
        Role.PreventionCoordinator or Role.CaseWorker or Role.PlanCoordinator or Role.Mentor or Role.FamilyGuide =>
            agency == Organisation.AgencyKind.Municipality,
        Role.PrivacyOfficer or Role.Administrator => true,
    };

    /// <summary>The roles of one agency, in the order of <see cref="Role"/>.</summary>
    public static IReadOnlyList<Role> Of(Organisation.AgencyKind agency) => Enum.GetValues<Role>().Where(r => r.ExistsIn(agency)).ToList();
}

/// <summary>What a role may do at all. Record-level access (team, agency, disclosure) is decided on top of this.</summary>
public enum Capability
{
    ReadPersons,
    RegisterPerson,
    CorrectPerson,

    /// <summary>See follow-ups the user has a grant for (team, disclosure, emergency access).</summary>
    ReadFollowUps,
    OpenFollowUp,

    /// <summary>Add and remove team members (the follow-up's lead only).</summary>
    ManageTeam,
    CloseFollowUp,

    /// <summary>Record, refuse and withdraw consents.</summary>
    ManageConsent,

    /// <summary>Grant and end disclosures to other units (the follow-up's lead only).</summary>
    ManageDisclosures,
    RequestEmergencyAccess,

    /// <summary>Read the organisation (units, legal bases) for pickers. No personal data.</summary>
    ReadOrganisation,

    /// <summary>The privacy officer's review of access and audit. No case content.</summary>
    ReviewAccess,

    /// <summary>Users, roles, units. No case content.</summary>
    AdministerUsers,

    /// <summary>Register, prepare, hold and conclude concern/clarification/follow-up conversations; agreements and referrals (police).</summary>
    HoldConversations,

    /// <summary>Receive referrals from police conversations and accept or decline them (the prevention coordinator).</summary>
    HandleReferrals,

    /// <summary>See, read and handle the alerts addressed to the user (e.g. a mentor's escalation).</summary>
    ReceiveAlerts,

    /// <summary>Mentor roster and profiles, assignments of mentors (the prevention coordinator).</summary>
    ManageMentorProgramme,

    /// <summary>A mentor's own active mentees: minimal profile and own sessions. Never the register or follow-ups.</summary>
    ReadOwnMentees,

    /// <summary>A mentor records sessions with their own active mentees.</summary>
    RecordMentorSession,

    /// <summary>Supervision notes of an assignment: its mentor and its supervising coordinator only.</summary>
    WriteSupervisionNotes,

    /// <summary>Family guidance courses, sessions and parent/network groups (on the follow-up's team).</summary>
    GuideFamilies,

    /// <summary>
    /// "Mine oppgaver": the user's own due items across record kinds. Every role that does case work; the privacy
    /// officer and the administrator do none, so their home page shows their own tools instead.
    /// </summary>
    ReadOwnWork,

    /// <summary>
    /// Individual plans and responsibility groups: as team member, as a unit the plan is disclosed to, or as a
    /// participant or member with the person's active consent (decided per record by AccessDecision).
    /// </summary>
    WorkOnPlansAndGroups,

    /// <summary>
    /// Recertification (ADR-030): confirm the roles of users one leads (a unit leader) or the leaders and the users of
    /// leaderless units (an administrator). Every role holds it, since a leader may hold any role; the handler decides by
    /// the appointment, as it decides who leads a team, and refuses everyone else.
    /// </summary>
    ConfirmAccess,

    /// <summary>The host's scheduled jobs (the recertification sweep). No role grants it; only the system actor holds it.</summary>
    RunScheduledJobs,
}

/// <summary>The one table of role → capabilities. Deny by default: a capability not listed is refused.</summary>
public static class RoleCapabilities
{
    private static readonly Capability[] CaseWork =
    [
        Capability.ReadPersons, Capability.RegisterPerson, Capability.CorrectPerson,
        Capability.ReadFollowUps, Capability.OpenFollowUp, Capability.ManageTeam, Capability.CloseFollowUp,
        Capability.ManageConsent, Capability.ManageDisclosures, Capability.RequestEmergencyAccess,
        Capability.ReadOrganisation, Capability.ReceiveAlerts, Capability.ReadOwnWork, Capability.WorkOnPlansAndGroups,
    ];

    private static readonly Dictionary<Role, Capability[]> Table = new()
    {
        // Conversations are police records (tiltak 13): only police roles hold them.
        [Role.PolicePreventionOfficer] = [.. CaseWork, Capability.HoldConversations],
        [Role.RadicalisationContact] = [.. CaseWork, Capability.HoldConversations],
        [Role.PreventionCoordinator] =
        [
            .. CaseWork, Capability.HandleReferrals, Capability.ManageMentorProgramme, Capability.WriteSupervisionNotes, Capability.GuideFamilies,
        ],
        [Role.CaseWorker] = CaseWork,
        [Role.PlanCoordinator] =
        [
            Capability.ReadPersons, Capability.CorrectPerson, Capability.ReadFollowUps, Capability.ManageConsent,
            Capability.ReadOrganisation, Capability.ReceiveAlerts, Capability.ReadOwnWork, Capability.WorkOnPlansAndGroups,
        ],
        // A mentor sees only their mentees' minimal profile (mentor programme), never the register or follow-ups.
        [Role.Mentor] =
        [
            Capability.ReadOrganisation, Capability.ReadOwnWork, Capability.ReadOwnMentees, Capability.RecordMentorSession, Capability.WriteSupervisionNotes,
        ],
        [Role.FamilyGuide] =
        [
            Capability.ReadPersons, Capability.ReadFollowUps, Capability.ManageConsent, Capability.ReadOrganisation, Capability.ReadOwnWork,
            Capability.ReceiveAlerts, Capability.GuideFamilies, Capability.WorkOnPlansAndGroups,
        ],
        // Privacy officers and administrators read no case content.
        [Role.PrivacyOfficer] = [Capability.ReviewAccess, Capability.ReadOrganisation],
        [Role.Administrator] = [Capability.AdministerUsers, Capability.ReadOrganisation],
    };

    /// <summary>Held by every known role; the record decides (ADR-030: only an appointed leader gets further).</summary>
    private static readonly Capability[] EveryRole = [Capability.ConfirmAccess];

    public static bool Grants(IEnumerable<Role> roles, Capability capability) =>
        roles.Any(r => Table.TryGetValue(r, out var caps) && (caps.Contains(capability) || EveryRole.Contains(capability)));

    public static IReadOnlyList<Capability> Of(Role role) => Table.TryGetValue(role, out var caps) ? [.. caps, .. EveryRole] : [];
}
