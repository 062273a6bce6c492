using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Operations;

/// <summary>
/// The real app in the Production environment with a complete configuration (self-made certificates in a temp
/// folder, the test protection keys, a migrated SQLite file); a test removes or spoils one setting at a time.
/// </summary>
public sealed class ProductionHost : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cm-prod-").FullName;

    public ProductionHost()
    {
        Settings["Database:Provider"] = "Sqlite";
        Settings["ConnectionStrings:CaseManagement"] = $"Data Source={Path.Combine(_directory, "app.db")}";
        Settings["AllowedHosts"] = "localhost";
        Settings["OpenIdConnect:Issuer"] = "https://localhost/";
        Settings["OpenIdConnect:SigningCertificate:Path"] = WriteCertificate("signing", X509KeyUsageFlags.DigitalSignature);
        Settings["OpenIdConnect:EncryptionCertificate:Path"] = WriteCertificate("encryption", X509KeyUsageFlags.KeyEncipherment);
        Settings["DataProtection:Certificate:Path"] = WriteCertificate("keyring", X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment);
        foreach (var (key, value) in Support.TestProtection.Settings())
        {
            Settings[key] = value;
        }
    }

    /// <summary>Every setting the host gets (null removes one the constructor set).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Production never migrates on start: the operator's <c>migrate</c>, done here before the host starts.</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<CaseDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, Settings["ConnectionStrings:CaseManagement"]!);
        await using var db = new CaseDbContext(options.Options);
        await db.Database.MigrateAsync(ct);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private string WriteCertificate(string name, X509KeyUsageFlags usage)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=oppfolging-test-{name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_directory, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "test-password"));
        Settings[$"{(name == "keyring" ? "DataProtection:Certificate" : name == "signing" ? "OpenIdConnect:SigningCertificate" : "OpenIdConnect:EncryptionCertificate")}:Password"] = "test-password";
        return path;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
