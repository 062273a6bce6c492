namespace CaseManagement.Tests.Operations;

/// <summary>
/// deploy/kubernetes/*.yaml and deploy/compose.yaml, validated offline by deploy/kubernetes/validate/validate.mjs:
/// the Kubernetes objects against the Kubernetes schemas (npm kubernetes-models), and both against the project's
/// rules (probes on /health/ready and /health/live, non-root, read-only root, no capabilities, limits, cookie
/// affinity, a PodDisruptionBudget). A broken manifest must be refused, so the validation can fail.
/// </summary>
public sealed class DeploymentManifestTests
{
    private static readonly string Validator = DeployFiles.Path("kubernetes", "validate");

    [Fact]
    public async Task Manifests_and_compose_file_validate_offline()
    {
        await RestoreAsync();
        var (code, output) = await ValidateAsync([]);

        Assert.True(code == 0, output);
        // Every manifest was read (namespace, config map, two secrets, deployment, service, ingress, PDB, job) plus compose.
        Assert.Contains("10 documents checked, 0 problems", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_that_breaks_the_schema_or_the_rules_is_refused()
    {
        await RestoreAsync();
        var deployment = await File.ReadAllTextAsync(DeployFiles.Path("kubernetes", "deployment.yaml"), TestContext.Current.CancellationToken);
        var directory = Directory.CreateTempSubdirectory("cm-manifests-").FullName;
        try
        {
            // Against the schema: replicas is an integer.
            var schema = Path.Combine(directory, "schema.yaml");
            await File.WriteAllTextAsync(schema, Replace(deployment, "replicas: 2", "replicas: two"), TestContext.Current.CancellationToken);
            // Valid Kubernetes, against the rules: a writable root and a readiness probe on the wrong path.
            var rules = Path.Combine(directory, "rules.yaml");
            await File.WriteAllTextAsync(rules, Replace(Replace(deployment, "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"), "path: /health/ready", "path: /"), TestContext.Current.CancellationToken);
            // A compose file whose app containers run as root on a writable root file system.
            var compose = Path.Combine(directory, "compose.yaml");
            var composeText = await File.ReadAllTextAsync(DeployFiles.Path("compose.yaml"), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(compose, Replace(Replace(composeText, "user: \"1654:1654\"", "user: \"0:0\""), "  read_only: true\n  tmpfs:", "  read_only: false\n  tmpfs:"), TestContext.Current.CancellationToken);

            var (schemaCode, schemaOutput) = await ValidateAsync([schema]);
            var (rulesCode, rulesOutput) = await ValidateAsync([rules]);
            var (composeCode, composeOutput) = await ValidateAsync([compose]);

            Assert.Equal(1, schemaCode);
            Assert.Contains("replicas must be integer", schemaOutput, StringComparison.Ordinal);
            Assert.Equal(1, rulesCode);
            Assert.Contains("readOnlyRootFilesystem must be true", rulesOutput, StringComparison.Ordinal);
            Assert.Contains("readinessProbe must GET /health/ready", rulesOutput, StringComparison.Ordinal);
            Assert.Equal(1, composeCode);
            Assert.Contains("service app-a: read_only must be true", composeOutput, StringComparison.Ordinal);
            Assert.Contains("service app-b: user must be set and not root", composeOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Compose_haproxy_configuration_is_accepted_by_haproxy()
    {
        const string haProxy = "/usr/sbin/haproxy";
        Assert.SkipUnless(File.Exists(haProxy), $"HAProxy is not installed ({haProxy}); test.sh installs it (apt-get install haproxy).");
        var directory = Directory.CreateTempSubdirectory("cm-haproxy-").FullName;
        try
        {
            // The configuration as compose mounts it, with a self-made certificate in place of the operator's.
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                "CN=oppfolging.example.no", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var pem = Path.Combine(directory, "site.pem");
            await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem() + "\n", TestContext.Current.CancellationToken);
            var config = Path.Combine(directory, "haproxy.cfg");
            var text = await File.ReadAllTextAsync(DeployFiles.Path("compose", "haproxy.cfg"), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(config, Replace(text, "/usr/local/etc/haproxy/site.pem", pem), TestContext.Current.CancellationToken);

            var (code, output) = await DeployFiles.RunAsync("env", ["OPPFOLGING_HOST=oppfolging.example.no", haProxy, "-c", "-f", config], directory, TimeSpan.FromMinutes(1));

            Assert.True(code == 0, output);
            Assert.Contains("cookie SRV insert", text, StringComparison.Ordinal);
            Assert.Contains("option httpchk GET /health/ready", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Replace(string text, string old, string replacement)
    {
        Assert.Contains(old, text, StringComparison.Ordinal);
        return text.Replace(old, replacement, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> ValidateAsync(string[] files) =>
        DeployFiles.RunAsync("node", ["validate.mjs", .. files], Validator, TimeSpan.FromMinutes(2));

    /// <summary>npm ci from the committed lock file when node_modules is missing (test.sh may have done it already).</summary>
    private static async Task RestoreAsync()
    {
        Assert.SkipUnless(DeployFiles.OnPath("node") && DeployFiles.OnPath("npm"),
            "node and npm are needed to validate the manifests (Debian: apt-get install nodejs npm; test.sh installs them).");
        if (Directory.Exists(Path.Combine(Validator, "node_modules", "kubernetes-models")))
        {
            return;
        }

        var (code, output) = await DeployFiles.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Validator, TimeSpan.FromMinutes(5));
        Assert.True(code == 0, "npm ci failed:\n" + output);
    }
}
