namespace CaseManagement.Web.Components.Pages.Administration;

public static class AdminRoutes
{
    public const string Users = "/admin/brukere";
    public const string NewUser = "/admin/brukere/ny";
    public const string Clients = "/admin/klienter";

    // Reference data (ADR-027, ADR-028).
    public const string Units = "/admin/enheter";
    public const string LegalBases = "/admin/rettsgrunnlag";
}
