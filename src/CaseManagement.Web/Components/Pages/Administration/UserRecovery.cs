namespace CaseManagement.Web.Components.Pages.Administration;

/// <summary>The ways back in for a user, each confirmed first; the name gives the texts' keys (Admin_{name}…).</summary>
public enum UserRecovery
{
    Unlock,
    ReEnrol,
    ResetPassword,
}
