using System.Globalization;

namespace CaseManagement.Web.Components.Pages.Persons;

/// <summary>
/// The person pages' addresses. Only record ids go into a URL: names and identity numbers are personal data and
/// would end up in browser history, proxy and server logs, so searches stay in component state.
/// </summary>
public static class PersonRoutes
{
    public const string List = "/personer";
    public const string New = "/personer/ny";
    public const string DetailsTemplate = "/personer/{Id:guid}";
    public const string EditTemplate = "/personer/{Id:guid}/rediger";
    public const string TimelineTemplate = "/personer/{Id:guid}/tidslinje";

    public static string Details(Guid id) => string.Create(CultureInfo.InvariantCulture, $"{List}/{id}");

    public static string Timeline(Guid id) => string.Create(CultureInfo.InvariantCulture, $"{List}/{id}/tidslinje");

    public static string Edit(Guid id) => string.Create(CultureInfo.InvariantCulture, $"{List}/{id}/rediger");
}
