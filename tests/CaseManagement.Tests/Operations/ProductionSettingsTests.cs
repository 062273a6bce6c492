using System.Net;
using CaseManagement.Application.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Operations;

/// <summary>
/// Fail closed (issue 14): in Production the app does not start without each required setting, and says which.
/// With all of them it starts, and its Data Protection keys are stored encrypted with the key ring's certificate.
/// </summary>
public sealed class ProductionSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string?, string> Missing => new()
    {
        { "Database:Provider", null, "Database:Provider" },
        { "ConnectionStrings:CaseManagement", null, "ConnectionStrings:CaseManagement" },
        { "AllowedHosts", null, "AllowedHosts" },
        { "AllowedHosts", "*", "AllowedHosts" },
        { "OpenIdConnect:Issuer", null, "OpenIdConnect:Issuer" },
        { "OpenIdConnect:Issuer", "http://oppfolging.example.no/", "OpenIdConnect:Issuer" },
        { "OpenIdConnect:SigningCertificate:Path", null, "OpenIdConnect:SigningCertificate:Path" },
        { "OpenIdConnect:EncryptionCertificate:Path", "/nowhere/encryption.pfx", "OpenIdConnect:EncryptionCertificate:Path" },
        { "DataProtection:Certificate:Path", null, "DataProtection:Certificate:Path" },
        { "Protection:ActiveKey", null, "Protection:ActiveKey" },
        { "Protection:ActiveKey", "t9", "Protection:Keys:t9" },
        { "Protection:ChainKey", null, "Protection:ChainKey" },
        { "Protection:BlindIndexKey", null, "Protection:BlindIndexKey" },
    };

    [Theory, MemberData(nameof(Missing))]
    public async Task Production_refuses_to_start_without_a_required_setting_and_names_it(string setting, string? value, string named)
    {
        await using var host = new ProductionHost();
        host.Settings[setting] = value;

        var exception = Record.Exception(() => host.Server);

        Assert.NotNull(exception);
        var message = exception.ToString();
        Assert.Contains("settings are missing or unsafe", message, StringComparison.Ordinal);
        Assert.Contains(named, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_starts_with_every_setting_and_keeps_the_key_ring_encrypted_in_the_database()
    {
        await using var host = new ProductionHost();
        await host.MigrateAsync(Ct);
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);
        var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("hei", protector.Unprotect(protector.Protect("hei")));

        await using var scope = host.Services.CreateAsyncScope();
        var key = Assert.Single(await scope.ServiceProvider.GetRequiredService<CaseDbContext>().DataProtectionKeys.ToListAsync(Ct));
        // The key's secret is wrapped with the certificate, never stored in the clear.
        Assert.Contains("EncryptedData", key.Xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);
    }
}
