using CaseManagement.Application;
using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using CaseManagement.Web;
using CaseManagement.Web.Api;
using CaseManagement.Web.Components;
using CaseManagement.Web.Operations;
using CaseManagement.Web.Security;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

// Fail closed: outside Development and the tests, no start without every setting a real deployment needs.
ProductionSettings.Require(builder.Configuration, builder.Environment);

// The Test environment runs from build output (the two-instance test starts the built dll), where the packages'
// scripts and styles are found only through the static web assets manifest, as Development does by itself.
if (builder.Environment.IsEnvironment("Test"))
{
    builder.WebHost.UseStaticWebAssets();
}

builder.Services.AddApplication();
builder.Services.AddCaseDatabase(builder.Configuration);
builder.Services.AddCaseSecurity(builder.Configuration, builder.Environment);
builder.Services.AddCaseOperations(builder.Configuration, builder.Environment);
builder.Services.AddCaseTelemetry(builder.Configuration);
builder.Services.AddCaseOpenIdConnect(builder.Configuration, builder.Environment);
builder.Services.AddAuthorizationBuilder().AddApiPolicy(OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
builder.Services.AddCaseApi();
builder.Services.AddLocalization();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddScoped<UiSender>();
builder.Services.AddScoped<CaseManagement.Web.Components.Drafts.DraftStore>();
builder.Services.AddScoped<CircuitClient>();
builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitClientHandler>();
builder.Services.AddHostedService<ChainHeadLogger>();
builder.Services.AddHostedService<ChainSealingService>();
builder.Services.AddHostedService<RecertificationService>();

var app = builder.Build();

// Operator commands (migrate, verify-audit, export-chain-heads, rotate-keys) run and exit instead of serving (deploy/README.md).
if (await AdminCommands.TryRunAsync(app, args) is { } exitCode)
{
    return exitCode;
}

if (app.Environment.IsDevelopment() || app.Environment.IsEnvironment("Test"))
{
    // Development migrates at start and seeds the demo users; Production never migrates silently.
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<CaseDbContext>().Database.MigrateAsync();
    if (app.Configuration.GetValue("Demo:Seed", app.Environment.IsDevelopment()))
    {
        await DemoData.SeedAsync(scope.ServiceProvider, app.Environment);
        await OpenIdConnectClients.SeedDevelopmentAsync(scope.ServiceProvider, app.Environment);
    }
}

app.UseCaseOperations();
app.UseRequestLocalization(Localisation.Options());
app.UseExceptionHandler();
app.UseStatusCodePages();
if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Test"))
{
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseSecurityHeaders();
app.UseCaseSessionProtection(app.Configuration);
app.MapStaticAssets().AllowAnonymous();
app.UseAuthentication();
app.UseAuthorization();
// After authorisation, so an API request's principal is the bearer token's, not the cookie's.
app.UseCurrentUser();
app.UseAntiforgery();

app.MapAccountEndpoints();
app.MapExternalLoginEndpoints();
app.MapOpenIdConnectEndpoints();
app.MapCaseApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
