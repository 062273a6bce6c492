using System.Globalization;
using System.Text;

namespace CaseManagement.Application.Features.Alerts;

/// <summary>Fills a resource's placeholders in the user's culture (the resource is read per call: the culture may differ).</summary>
internal static class LocalisedText
{
    public static string Format(string resource, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, CompositeFormat.Parse(resource), args);
}
