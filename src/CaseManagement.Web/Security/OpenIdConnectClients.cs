using CaseManagement.Infrastructure;
using OpenIddict.Abstractions;

namespace CaseManagement.Web.Security;

/// <summary>Clients are registered explicitly, each with exactly the permissions it needs.</summary>
public static class OpenIdConnectClients
{
    public const string DevelopmentClientId = "oppfolging-dev";
    public const string DevelopmentRedirectUri = "http://127.0.0.1:7890/callback";

    /// <summary>A public client (no secret) for trying the API by hand: authorization code + PKCE, loopback redirect.</summary>
    public static OpenIddictApplicationDescriptor PublicClient(string clientId, string displayName, Uri redirectUri) =>
        ClientApplications.PublicDescriptor(clientId, displayName, [redirectUri]);

    /// <summary>A confidential system client: client credentials only, acting as its service account.</summary>
    public static OpenIddictApplicationDescriptor SystemClient(string clientId, string secret, string displayName) =>
        ClientApplications.ConfidentialDescriptor(clientId, secret, displayName);

    public static async Task SeedDevelopmentAsync(IServiceProvider services, IHostEnvironment environment, CancellationToken ct = default)
    {
        if (!environment.IsDevelopment() && !environment.IsEnvironment("Test"))
        {
            throw new InvalidOperationException("Development clients are seeded only in Development.");
        }

        var manager = services.GetRequiredService<IOpenIddictApplicationManager>();
        if (await manager.FindByClientIdAsync(DevelopmentClientId, ct) is null)
        {
            await manager.CreateAsync(PublicClient(DevelopmentClientId, "Oppfølging – utviklerklient", new Uri(DevelopmentRedirectUri)), ct);
        }
    }
}
