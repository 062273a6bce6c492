using Bunit;
using CaseManagement.Application;
using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support;
using CaseManagement.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;

namespace CaseManagement.Tests.Web;

/// <summary>
/// The real services a page needs in a bUnit test: the pipeline, Identity, a SQLite file, MudBlazor. Register
/// authorisation after this, then call <c>SetRendererInfo</c> (it builds the service provider).
/// </summary>
internal static class PageServices
{
    public const string ExternalProvider = "testkatalog";

    public static void AddRealPageServices(this BunitContext bunit, string sqliteFile)
    {
        bunit.Services.AddApplication();
        bunit.Services.AddCaseIdentityCore();
        bunit.Services.AddLogging(b => b.AddProvider(CaseManagement.Tests.Support.RunLog.Provider));
        bunit.Services.AddLocalization();
        bunit.Services.AddTestProtection();
        bunit.Services.AddCaseDatabase(DatabaseProvider.Sqlite, $"Data Source={sqliteFile}");
        bunit.Services.AddScoped<UiSender>();
        bunit.Services.AddDataProtection();
        bunit.Services.AddScoped<Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage.ProtectedLocalStorage>();
        bunit.Services.AddScoped<CaseManagement.Web.Components.Drafts.DraftStore>();
        bunit.Services.AddScoped<CircuitClient>();
        bunit.Services.AddMudServices();
        // One external sign-in provider, as Authentication:ExternalProviders gives the app (ADR-016).
        bunit.Services.AddSingleton<IReadOnlyDictionary<string, CaseManagement.Web.Security.ExternalProviderOptions>>(
            new Dictionary<string, CaseManagement.Web.Security.ExternalProviderOptions>(StringComparer.Ordinal) { [ExternalProvider] = new() { DisplayName = "Testkatalogen" } });
        bunit.Services.AddSingleton(new CaseManagement.Application.Features.Administration.ExternalIdentityProviders([ExternalProvider]));
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
    }
}
