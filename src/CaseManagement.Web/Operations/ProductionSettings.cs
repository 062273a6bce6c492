using CaseManagement.Application.Data;

namespace CaseManagement.Web.Operations;

/// <summary>
/// Fail closed (deploy/README.md): outside Development and the tests the app refuses to start unless every setting a
/// safe multi-instance deployment needs is there. One exception names every missing or unsafe setting, so an
/// operator fixes them in one round.
/// </summary>
public static class ProductionSettings
{
    public static bool IsDevelopmentOrTest(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Test");

    /// <summary>Throws when a required setting is missing or unsafe; does nothing in Development and Test.</summary>
    public static void Require(IConfiguration configuration, IHostEnvironment environment)
    {
        if (IsDevelopmentOrTest(environment))
        {
            return;
        }

        var problems = Problems(configuration).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The app does not start in the {environment.EnvironmentName} environment: " +
                "settings are missing or unsafe (see deploy/README.md):" + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Select(p => " - " + p)));
        }
    }

    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(provider))
        {
            yield return "Database:Provider is required (SqlServer, PostgreSql or Sqlite); without it nothing chooses the database.";
        }
        else if (!Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out _))
        {
            yield return $"Database:Provider must be SqlServer, PostgreSql or Sqlite, not '{provider}'.";
        }

        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(Infrastructure.DatabaseSetup.ConnectionStringName)))
        {
            yield return $"ConnectionStrings:{Infrastructure.DatabaseSetup.ConnectionStringName} is required.";
        }

        var hosts = configuration["AllowedHosts"];
        if (string.IsNullOrWhiteSpace(hosts) || hosts.Split(';').Any(h => h.Trim() == "*"))
        {
            yield return "AllowedHosts must list the public host names (e.g. oppfolging.example.no), not '*' or nothing.";
        }

        var issuer = configuration["OpenIdConnect:Issuer"];
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri) || issuerUri.Scheme != Uri.UriSchemeHttps)
        {
            yield return "OpenIdConnect:Issuer must be the fixed public https address of the service (the same on every instance).";
        }

        foreach (var certificate in (string[])["OpenIdConnect:SigningCertificate", "OpenIdConnect:EncryptionCertificate", "DataProtection:Certificate"])
        {
            var path = configuration[certificate + ":Path"];
            if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            {
                yield return $"{certificate}:Path must name an existing PKCS#12 file ({(string.IsNullOrWhiteSpace(path) ? "not set" : "file not found")}).";
            }
        }

        var activeKey = configuration["Protection:ActiveKey"];
        if (string.IsNullOrWhiteSpace(activeKey))
        {
            yield return "Protection:ActiveKey is required (the id of the key that encrypts new values).";
        }
        else if (string.IsNullOrWhiteSpace(configuration[$"Protection:Keys:{activeKey}"]))
        {
            yield return $"Protection:Keys:{activeKey} is required (the key named by Protection:ActiveKey).";
        }

        foreach (var key in (string[])["Protection:ChainKey", "Protection:BlindIndexKey"])
        {
            if (string.IsNullOrWhiteSpace(configuration[key]))
            {
                yield return $"{key} is required.";
            }
        }
    }
}
