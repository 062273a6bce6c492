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

            var (schemaCode, schemaOutput) = await ValidateAsync([schema]);
            var (rulesCode, rulesOutput) = await ValidateAsync([rules]);

            Assert.Equal(1, schemaCode);
            Assert.Contains("replicas must be integer", schemaOutput, StringComparison.Ordinal);
            Assert.Equal(1, rulesCode);
            Assert.Contains("readOnlyRootFilesystem must be true", rulesOutput, StringComparison.Ordinal);
            Assert.Contains("readinessProbe must GET /health/ready", rulesOutput, StringComparison.Ordinal);
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
