using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CaseManagement.Web;

/// <summary>Norwegian bokmål first; English as the second culture.</summary>
public static class Localisation
{
    public static readonly CultureInfo Norwegian = new("nb-NO");
    public static readonly CultureInfo English = new("en");

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Norwegian),
            SupportedCultures = [Norwegian, English],
            SupportedUICultures = [Norwegian, English],
        };
        // Only the explicit cookie (and query string) switches language; a browser in English still gets bokmål,
        // which is the service's language.
        options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        return options;
    }
}
