namespace CaseManagement.Web.Components.Pages.Administration;

public static class AdminRoutes
{
    public const string Users = "/admin/brukere";
    public const string NewUser = "/admin/brukere/ny";
    public const string Clients = "/admin/klienter";
}
