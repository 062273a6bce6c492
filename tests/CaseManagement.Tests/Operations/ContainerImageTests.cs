using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CaseManagement.Web.Operations;

namespace CaseManagement.Tests.Operations;

/// <summary>
/// The container image as deploy/container/build-image.sh builds it (dotnet publish /t:PublishContainer into a
/// tarball, on a local stand-in for the official ASP.NET Core base image): its configuration and layers, and the app
/// serving from it as the image's user on a read-only root with only /tmp writable, as compose and Kubernetes run it.
/// </summary>
public sealed class ContainerImageTests(ContainerImageTests.Image image) : IClassFixture<ContainerImageTests.Image>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Image_runs_the_app_as_a_non_root_user_on_port_8080_without_development_settings_or_secrets()
    {
        var built = await image.BuildAsync();
        var config = built.Config.GetProperty("config");

        Assert.True(int.TryParse(config.GetProperty("User").GetString(), out var uid), "User must be numeric (Kubernetes' runAsNonRoot checks it): " + config.GetProperty("User"));
        Assert.NotEqual(0, uid);
        Assert.Equal(["dotnet", "/app/CaseManagement.Web.dll"], config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("app/CaseManagement.Web.dll", built.Files);
        Assert.Contains("usr/bin/dotnet", built.Files);
        Assert.Equal(["8080/tcp"], config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name));
        var environment = config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", environment);
        // Fail closed: a container started without settings is Production and refuses to start.
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Production", environment);

        Assert.DoesNotContain(built.Files, f => f.EndsWith("appsettings.Development.json", StringComparison.Ordinal));
        string[] secretLike = [".pfx", ".p12", ".key", ".pem", ".db", ".db-wal", ".sqlite", ".env"];
        Assert.DoesNotContain(built.AppFiles, f => secretLike.Any(s => f.EndsWith(s, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(built.Files, f => f.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".p12", StringComparison.OrdinalIgnoreCase));
        // The shipped appsettings.json holds logging levels only: no connection string, password, key or certificate.
        using var settings = JsonDocument.Parse(built.AppSettings);
        string[] forbidden = ["ConnectionStrings", "Password", "Key", "Secret", "Certificate", "Protection", "Database"];
        var names = PropertyNames(settings.RootElement).ToList();
        Assert.Contains("LogLevel", names);
        Assert.DoesNotContain(names, n => forbidden.Any(f => n.Contains(f, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Image_serves_ready_as_its_user_on_a_read_only_root_with_only_tmp_writable()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess && DeployFiles.OnPath("unshare") && DeployFiles.OnPath("chroot"),
            "Running the image without a container engine needs root (a mount namespace, chroot) and util-linux's unshare.");
        var built = await image.BuildAsync();
        var root = await image.RootFileSystemAsync();
        var config = built.Config.GetProperty("config");
        var user = config.GetProperty("User").GetString()!;

        // A complete Production configuration: self-made certificates and a migrated SQLite file, copied into the
        // container's /tmp (the only writable place), as a volume would bring them.
        using var production = new ProductionHost();
        await production.MigrateAsync(Ct);
        var data = Path.GetDirectoryName(production.Settings["OpenIdConnect:SigningCertificate:Path"])!;
        var port = FreePort();
        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment.Clear();
        foreach (var variable in config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()!))
        {
            start.Environment[variable[..variable.IndexOf('=', StringComparison.Ordinal)]] = variable[(variable.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }

        foreach (var (key, value) in production.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value?.Replace(data, "/tmp/data", StringComparison.Ordinal);
        }

        start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The root is mounted read-only; /tmp is a tmpfs (compose: tmpfs, Kubernetes: emptyDir); then the image's
        // entrypoint runs as the image's user in its working directory.
        const string script = """
            set -e
            root="$1"; data="$2"; user="$3"; workdir="$4"; shift 4
            mount --bind "$root" "$root"
            mount -o remount,bind,ro "$root"
            mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
            mount -t proc proc "$root/proc"
            mount --rbind /dev "$root/dev"
            mkdir "$root/tmp/data"
            cp -a "$data/." "$root/tmp/data/"
            chown -R "$user:$user" "$root/tmp/data"
            exec chroot --userspec="$user:$user" "$root" /bin/bash -c 'cd "$0" && exec "$@"' "$workdir" "$@"
            """;
        string[] arguments = ["--mount", "--pid", "--kill-child", "sh", "-c", script, "sh", root, data, user, config.GetProperty("WorkingDir").GetString()!];
        foreach (var argument in arguments.Concat(config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()!)))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("unshare did not start.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var watch = Stopwatch.StartNew();
            HttpStatusCode? ready = null;
            while (watch.Elapsed < TimeSpan.FromSeconds(120) && !process.HasExited && ready != HttpStatusCode.OK)
            {
                try
                {
                    ready = (await client.GetAsync(OperationsSetup.ReadyPath, Ct)).StatusCode;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!Ct.IsCancellationRequested)
                {
                    // Busy machine.
                }

                await Task.Delay(250, Ct);
            }

            Assert.True(ready == HttpStatusCode.OK, $"/health/ready answered {ready?.ToString() ?? "nothing"}:\n{Output(output)}");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(OperationsSetup.LivePath, Ct)).StatusCode);
            Assert.False(process.HasExited, Output(output));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static string Output(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static IEnumerable<string> PropertyNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => PropertyNames(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(PropertyNames),
        _ => [],
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The image, built once for the class by the operator's script (its cache makes later runs quicker).</summary>
    public sealed class Image : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("cm-image-").FullName;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private Built? _built;
        private string? _root;

        public sealed record Built(string Tarball, JsonElement Config, IReadOnlyList<string> LayerFiles, IReadOnlySet<string> Files, IReadOnlySet<string> AppFiles, string AppSettings);

        public async Task<Built> BuildAsync()
        {
            string[] tools = ["apt-get", "dpkg-deb", "python3", "tar"];
            var missing = tools.Where(t => !DeployFiles.OnPath(t)).ToList();
            Assert.SkipWhen(missing.Count > 0 && Environment.GetEnvironmentVariable("CASEMANAGEMENT_BASE_IMAGE") is null,
                $"deploy/container/build-image.sh needs {string.Join(", ", missing)} for its local base image (Debian: apt, dpkg, python3, tar).");
            await _gate.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                return _built ??= await BuildCoreAsync();
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>The image's layers unpacked in order into one folder (as root, so owners are kept).</summary>
        public async Task<string> RootFileSystemAsync()
        {
            var built = await BuildAsync();
            await _gate.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                if (_root is null)
                {
                    var root = Directory.CreateDirectory(Path.Combine(_directory, "rootfs")).FullName;
                    foreach (var layer in built.LayerFiles)
                    {
                        var (code, output) = await DeployFiles.RunAsync("tar", ["-xzf", layer, "-C", root], _directory, TimeSpan.FromMinutes(5));
                        Assert.True(code == 0, output);
                    }

                    _root = root;
                }

                return _root;
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task<Built> BuildCoreAsync()
        {
            var tarball = Path.Combine(_directory, "oppfolging.tar");
            var (code, output) = await DeployFiles.RunAsync(DeployFiles.Path("container", "build-image.sh"), [tarball], DeployFiles.RepositoryRoot, TimeSpan.FromMinutes(25));
            Assert.True(code == 0, "build-image.sh failed:\n" + output);

            // The SDK writes the `docker load` format: manifest.json, the config, one tar per layer.
            var unpacked = Directory.CreateDirectory(Path.Combine(_directory, "image")).FullName;
            await TarFile.ExtractToDirectoryAsync(tarball, unpacked, overwriteFiles: true, TestContext.Current.CancellationToken);
            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(unpacked, "manifest.json"), TestContext.Current.CancellationToken));
            var entry = Assert.Single(manifest.RootElement.EnumerateArray());
            using var config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(unpacked, entry.GetProperty("Config").GetString()!), TestContext.Current.CancellationToken));
            var layers = entry.GetProperty("Layers").EnumerateArray().Select(l => Path.Combine(unpacked, l.GetString()!)).ToList();

            var files = new HashSet<string>(StringComparer.Ordinal);
            var appFiles = new HashSet<string>(StringComparer.Ordinal);
            string? appSettings = null;
            for (var i = 0; i < layers.Count; i++)
            {
                await using var stream = File.OpenRead(layers[i]);
                await using var gzip = new GZipStream(stream, CompressionMode.Decompress);
                await using var reader = new TarReader(gzip);
                while (await reader.GetNextEntryAsync(copyData: false, TestContext.Current.CancellationToken) is { } file)
                {
                    var name = file.Name.TrimStart('.', '/').TrimEnd('/');
                    files.Add(name);
                    if (i == layers.Count - 1)
                    {
                        appFiles.Add(name);
                    }

                    if (name == "app/appsettings.json" && file.DataStream is not null)
                    {
                        using var text = new StreamReader(file.DataStream);
                        appSettings = await text.ReadToEndAsync(TestContext.Current.CancellationToken);
                    }
                }
            }

            return new Built(tarball, config.RootElement.Clone(), layers, files, appFiles, appSettings ?? throw new InvalidOperationException("app/appsettings.json is not in the image."));
        }

        public void Dispose()
        {
            _gate.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
