using CaseManagement.Domain.Access;

namespace CaseManagement.Web.Components.Pages.Administration;

/// <summary>The resource keys of the roles' labels; a new role without a label fails the build (CS8509).</summary>
public static class RoleTexts
{
    public static string Key(Role role) => role switch
    {
        Role.PolicePreventionOfficer => "Enum_Role_PolicePreventionOfficer",
        Role.RadicalisationContact => "Enum_Role_RadicalisationContact",
        Role.PreventionCoordinator => "Enum_Role_PreventionCoordinator",
        Role.CaseWorker => "Enum_Role_CaseWorker",
        Role.PlanCoordinator => "Enum_Role_PlanCoordinator",
        Role.Mentor => "Enum_Role_Mentor",
        Role.FamilyGuide => "Enum_Role_FamilyGuide",
        Role.PrivacyOfficer => "Enum_Role_PrivacyOfficer",
        Role.Administrator => "Enum_Role_Administrator",
    };
}
