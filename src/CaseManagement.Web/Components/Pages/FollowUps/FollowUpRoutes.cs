using System.Globalization;

namespace CaseManagement.Web.Components.Pages.FollowUps;

/// <summary>
/// The follow-up pages' addresses. Only record ids go into a URL (a person's id is fine, a name or an identity
/// number never is).
/// </summary>
public static class FollowUpRoutes
{
    public const string List = "/oppfolginger";
    public const string New = "/oppfolginger/ny";
    public const string DetailsTemplate = "/oppfolginger/{Id:guid}";
    public const string EmergencyTemplate = "/oppfolginger/{Id:guid}/nodtilgang";

    /// <summary>The query parameter of <see cref="New"/> that names the person.</summary>
    public const string PersonParameter = "person";

    public static string Details(Guid id) => string.Create(CultureInfo.InvariantCulture, $"{List}/{id}");

    public static string Emergency(Guid id) => string.Create(CultureInfo.InvariantCulture, $"{List}/{id}/nodtilgang");

    public static string NewFor(Guid personId) => string.Create(CultureInfo.InvariantCulture, $"{New}?{PersonParameter}={personId}");
}
