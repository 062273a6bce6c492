using System.Net;
using System.Security.Cryptography.X509Certificates;
using CaseManagement.Application.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CaseManagement.Web.Operations;

/// <summary>
/// What running several instances behind a load balancer needs (deploy/README.md, ADR-020): the Data Protection
/// key ring in the database, forwarded headers from configured proxies only, the database lease for background work,
/// and the health endpoints.
/// </summary>
public static class OperationsSetup
{
    /// <summary>The Data Protection application name: the same on every instance, whatever its path or container.</summary>
    public const string ApplicationName = "Oppfolging";

    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static IServiceCollection AddCaseOperations(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton<DatabaseLease>();

        // Sign-in and antiforgery cookies, the MFA-enrolment step and reset tokens must be readable by every instance
        // and survive a redeploy: one key ring, in the database, encrypted at rest with a certificate outside
        // Development and the tests.
        var dataProtection = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<CaseDbContext>();
        if (!ProductionSettings.IsDevelopmentOrTest(environment))
        {
            var certificate = LoadCertificate(configuration, "DataProtection:Certificate");
            dataProtection.ProtectKeysWithCertificate(certificate);
            // After a certificate change the keys written under the old one stay readable while it is listed here.
            var previous = configuration.GetSection("DataProtection:PreviousCertificates").GetChildren()
                .Select(c => LoadCertificate(configuration, c.Path));
            dataProtection.UnprotectKeysWithAnyCertificate([certificate, .. previous]);
        }

        services.Configure<ForwardedHeadersOptions>(o => ConfigureForwardedHeaders(o, configuration));

        services.AddHealthChecks()
            .AddCheck<ReadinessCheck>("database", HealthStatus.Unhealthy, ["ready"], TimeSpan.FromSeconds(10));
        return services;
    }

    /// <summary>
    /// Client address and scheme from <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>, accepted only from the
    /// addresses in <c>ForwardedHeaders:KnownProxies</c> and networks in <c>ForwardedHeaders:KnownNetworks</c> (none by
    /// default: the loopback default of ASP.NET Core is cleared too, and with neither set the headers are ignored).
    /// <c>X-Forwarded-Host</c> is never taken.
    /// </summary>
    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
        }

        foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation (e.g. 10.0.0.0/24)."));
        }

        options.ForwardLimit = configuration.GetValue("ForwardedHeaders:ForwardLimit", 1);
    }

    /// <summary>
    /// First in the pipeline: the forwarded headers (so everything after sees the client's address), then the health
    /// endpoints, answered before https redirection, authentication and the pages. They say Healthy, Degraded or
    /// Unhealthy and nothing else: no check names, no exception text.
    /// </summary>
    public static IApplicationBuilder UseCaseOperations(this IApplicationBuilder app)
    {
        // With no proxy configured the middleware would trust every sender's headers: then it is not used at all.
        var forwarded = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        if (forwarded.KnownProxies.Count > 0 || forwarded.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.UseHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("ready") });
        return app;
    }

    internal static X509Certificate2 LoadCertificate(IConfiguration configuration, string section)
    {
        var path = configuration[$"{section}:Path"];
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"{section}:Path must name a PKCS#12 file outside Development.");
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, configuration[$"{section}:Password"]);
    }
}
