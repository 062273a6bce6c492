using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Browser;
using CaseManagement.Tests.Support;
using CaseManagement.Tests.Support.Databases;
using CaseManagement.Web;
using CaseManagement.Web.Components.Pages.Persons;
using CaseManagement.Web.Operations;
using CaseManagement.Web.Security;
using Microsoft.Playwright;
using Npgsql;

namespace CaseManagement.Tests.Operations;

/// <summary>
/// The proof of issue 14 on loopback: two real processes of the built app on one PostgreSQL database behind a real
/// HAProxy (cookie insertion, health checks on /health/ready). A sign-in and an antiforgery token made on one
/// instance work on the other, the sign-in limit counts across both, exactly one sealer runs, and when its instance
/// is killed with SIGKILL the other takes over, the signed-in user keeps working there and every record gets sealed,
/// and a real browser whose Blazor circuit lived on the killed instance gets a new circuit on the other one, still
/// signed in, with its kept draft put back.
/// </summary>
public sealed class TwoInstanceTests(PostgresServer postgres, BrowserFixture browsers) : IAsyncDisposable
{
    private const string HaProxy = "/usr/sbin/haproxy";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly List<Process> _processes = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("cm-two-").FullName;

    [Fact]
    public async Task Two_instances_behind_haproxy_share_sessions_tokens_limits_and_one_sealer()
    {
        Assert.SkipUnless(File.Exists(HaProxy), $"HAProxy is not installed ({HaProxy}); test.sh installs it (apt-get install haproxy).");
        var connectionString = await postgres.CreateDatabaseAsync(Ct);

        // One after the other: the Test environment migrates and seeds at start.
        var a = StartInstance("a", connectionString);
        await WaitReadyAsync(a);
        var b = StartInstance("b", connectionString);
        await WaitReadyAsync(b);
        var lb = await StartHaProxyAsync(a, b);

        // Exactly one sealer: the lease is held by one instance, the other waits.
        Assert.True(await DatabaseLeaseTests.WithinAsync(() => a.HoldsSealer || b.HoldsSealer, TimeSpan.FromSeconds(15)), "No instance took the sealer's lease.");
        await Task.Delay(DatabaseLease.RetryEvery * 2, Ct);
        Assert.True(a.HoldsSealer ^ b.HoldsSealer, $"Sealer on a: {a.HoldsSealer}, on b: {b.HoldsSealer}");
        var (holder, other) = a.HoldsSealer ? (a, b) : (b, a);

        // Sign-in limits count across both: ten wrong passwords spread over the two, the eleventh is refused.
        using (var attacker = new Browser(lb))
        {
            for (var i = 0; i < LoginThrottle.PerUserLimit; i++)
            {
                var instance = i % 2 == 0 ? a : b;
                Assert.Equal(HttpStatusCode.OK, (await attacker.PasswordStepAsync(instance, instance, "ukjent.bruker", $"Gjetning-{i:00}")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.PasswordStepAsync(a, b, "ukjent.bruker", "Gjetning-99")).StatusCode);
        }

        using var user = new Browser(lb);
        // The login page's antiforgery token from the other instance is accepted by the sealer's instance...
        var passwordStep = await user.PasswordStepAsync(other, holder, "politi", DemoData.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, passwordStep.StatusCode);
        Assert.Equal(ApiSession.LoginFlowPaths.Code, ApiSession.PathOf(passwordStep));
        // ...and the second factor, with the two-factor cookie from there, signs in through the sealer's instance.
        var code = Totp.CodeAt(DemoData.TotpSecrets["politi"], DateTimeOffset.UtcNow);
        var codeStep = await user.PostFormAsync(other, holder, ApiSession.LoginFlowPaths.Code, "totp", new() { ["Input.Code"] = code });
        Assert.True(ApiSession.IsSignedInRedirect(codeStep), $"The code step answered {(int)codeStep.StatusCode} {codeStep.Headers.Location}");
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(other, "/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(holder, "/")).StatusCode);

        // A browser with its circuit on the sealer's instance and a half-typed person form, kept as a draft.
        await using var context = await BrowserOnAsync(lb, holder);
        var page = await context.NewPageAsync();
        var console = new ConcurrentQueue<string>();
        page.Console += (_, m) => console.Enqueue(m.Text);
        await SignInAsync(page, "politi2");
        await page.GotoAsync(PersonRoutes.New);
        await BrowserSession.WaitForCircuitAsync(page);
        await PersonFormDriver.FillAsync(page, "Utkast", "Tokopi", "01.02.2003");
        await PersonFormDriver.Field(page, "Fødselsdato").BlurAsync();
        await WaitForDraftAsync(page, holder, console);
        Assert.Equal(holder.Name, await InstanceCookieAsync(context, lb));

        // SIGKILL the sealer's instance: the other takes the lease within seconds.
        var killedAt = Stopwatch.StartNew();
        holder.Process.Kill();
        await holder.Process.WaitForExitAsync(Ct);
        Assert.True(await DatabaseLeaseTests.WithinAsync(() => other.HoldsSealer, TimeSpan.FromSeconds(15)), "The other instance did not take over the sealer.");
        Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(15));

        // The user, still pinned to the dead instance by HAProxy's cookie, is sent to the other and still signed in.
        var afterKill = await user.GetAsync(holder, "/", expectInstance: other);
        Assert.Equal(HttpStatusCode.OK, afterKill.StatusCode);

        // The browser's circuit died with its instance: Blazor's reconnect reaches the other instance, which does not
        // know the circuit, and the page reloads there: a new circuit, still signed in, the draft put back.
        await Assertions.Expect(page.GetByTestId("draft-restored")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Equal(PersonRoutes.New, new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(PersonFormDriver.Field(page, "Fornavn")).ToHaveValueAsync("Utkast");
        await Assertions.Expect(PersonFormDriver.Field(page, "Etternavn")).ToHaveValueAsync("Tokopi");
        Assert.Equal(other.Name, await InstanceCookieAsync(context, lb));

        // Every record, including those the killed instance wrote, gets sealed.
        Assert.True(await DatabaseLeaseTests.WithinAsync(() => UnsealedAsync(connectionString).GetAwaiter().GetResult() == 0, TimeSpan.FromSeconds(30)), "Records were left unsealed.");
        Assert.True(await SealedAsync(connectionString) > 0);
    }

    /// <summary>A browser context pinned by HAProxy's cookie to one instance.</summary>
    private async Task<IBrowserContext> BrowserOnAsync(Uri lb, Instance instance)
    {
        var context = await (await browsers.GetBrowserAsync()).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = lb.ToString(),
            Locale = "nb-NO",
            TimezoneId = "Europe/Oslo",
        });
        context.SetDefaultTimeout((float)BrowserSession.Timeout.TotalMilliseconds);
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "SRV", Value = instance.Name, Url = lb.ToString() }]);
        return context;
    }

    /// <summary>
    /// The keeper writes every two seconds and on each field change. On a busy machine a change can arrive while the
    /// new circuit is still setting the keeper up; a user would type on, so the test types the last field again, and
    /// once reloads the page and fills it in again.
    /// </summary>
    private static async Task WaitForDraftAsync(IPage page, Instance instance, ConcurrentQueue<string> console)
    {
        const string HasDraft = "() => Object.keys(localStorage).some(k => k.startsWith('draft:'))";
        for (var attempt = 0; attempt < 6; attempt++)
        {
            for (var poll = 0; poll < 20; poll++)
            {
                if (await page.EvaluateAsync<bool>(HasDraft))
                {
                    return;
                }

                await Task.Delay(500, Ct);
            }

            if (attempt == 3)
            {
                // Still nothing after half a minute: the circuit may never have come up on a starved machine. A user
                // would reload the page and type again.
                await page.ReloadAsync();
                await BrowserSession.WaitForCircuitAsync(page);
                await PersonFormDriver.FillAsync(page, "Utkast", "Tokopi", "01.02.2003");
                await PersonFormDriver.Field(page, "Fødselsdato").BlurAsync();
                continue;
            }

            // Two changes that end where they started: the form holds the same values, now seen by the keeper.
            foreach (var value in (string[])["Tokopi-" + attempt, "Tokopi"])
            {
                await PersonFormDriver.Field(page, "Etternavn").FillAsync(value);
                await PersonFormDriver.Field(page, "Etternavn").BlurAsync();
            }
        }

        Assert.Fail($"No draft was kept in the browser within a minute at {page.Url}.\nBrowser console:\n{string.Join('\n', console.TakeLast(30))}\nInstance {instance.Name}:\n{instance.Output}");
    }

    private static async Task<string?> InstanceCookieAsync(IBrowserContext context, Uri lb) =>
        (await context.CookiesAsync([lb.ToString()])).SingleOrDefault(c => c.Name == "SRV")?.Value;

    /// <summary>Signs in through the login pages with the demo user's real one-time code (these instances run on the real clock).</summary>
    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Brukernavn").FillAsync(userName);
        await page.GetByLabel("Passord").FillAsync(DemoData.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == ApiSession.LoginFlowPaths.Code);
        await page.Locator("#code").FillAsync(Totp.CodeAt(DemoData.TotpSecrets[userName], DateTimeOffset.UtcNow));
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
        await BrowserSession.WaitForCircuitAsync(page);
    }

    private static async Task<long> UnsealedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM "AuditEvents" e WHERE NOT EXISTS (SELECT 1 FROM "AuditEventSeals" s WHERE s."RecordId" = e."Id"))
                 + (SELECT count(*) FROM "AccessLog" e WHERE NOT EXISTS (SELECT 1 FROM "AccessLogSeals" s WHERE s."RecordId" = e."Id"))
            """,
            connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<long> SealedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""SELECT (SELECT count(*) FROM "AuditEventSeals") + (SELECT count(*) FROM "AccessLogSeals")""", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>The built app (src/CaseManagement.Web/bin/&lt;configuration&gt;/net10.0), as an operator runs it.</summary>
    private static string WebAssembly()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = bin.Parent!.Name;
        var root = bin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CaseManagement.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("CaseManagement.sln not found above " + bin.FullName),
            "src", "CaseManagement.Web", "bin", configuration, bin.Name, "CaseManagement.Web.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build the solution first.");
    }

    private Instance StartInstance(string name, string connectionString)
    {
        var dll = WebAssembly();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Test",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__CaseManagement"] = connectionString,
            ["Security__AllowHttp"] = "true",
            ["Demo__Seed"] = "true",
            ["Audit__SealIntervalSeconds"] = "2",
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__CaseManagement.Web.Operations"] = "Information",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "None",
        };
        foreach (var (key, value) in TestProtection.Settings())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _processes.Add(process);
        var instance = new Instance(name, port, process);
        process.OutputDataReceived += (_, e) => instance.Log(e.Data);
        process.ErrorDataReceived += (_, e) => instance.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return instance;
    }

    private static async Task WaitReadyAsync(Instance instance)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{instance.Port}"), Timeout = TimeSpan.FromSeconds(10) };
        var watch = Stopwatch.StartNew();
        var last = "no answer";
        // Generous: the first instance migrates and seeds the database at start, and this machine may be busy.
        while (watch.Elapsed < TimeSpan.FromSeconds(240))
        {
            Assert.False(instance.Process.HasExited, $"Instance {instance.Name} exited:\n{instance.Output}");
            try
            {
                var status = (await client.GetAsync(OperationsSetup.ReadyPath, Ct)).StatusCode;
                if (status == HttpStatusCode.OK)
                {
                    return;
                }

                last = status.ToString();
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!Ct.IsCancellationRequested)
            {
                // Slow machine.
            }

            await Task.Delay(250, Ct);
        }

        Assert.Fail($"Instance {instance.Name} was not ready within 240 s (last answer: {last}):\n{instance.Output}");
    }

    private async Task<Uri> StartHaProxyAsync(Instance a, Instance b)
    {
        var port = FreePort();
        var config = Path.Combine(_directory, "haproxy.cfg");
        await File.WriteAllTextAsync(config, $"""
            global
                maxconn 256
            defaults
                mode http
                timeout connect 2s
                timeout client 120s
                timeout server 120s
                timeout tunnel 1h
                option forwardfor
                option redispatch
                retries 2
            frontend web
                bind 127.0.0.1:{port}
                default_backend app
            backend app
                balance roundrobin
                cookie SRV insert indirect nocache httponly
                option httpchk GET {OperationsSetup.ReadyPath}
                http-check expect status 200
                # Tolerant of a busy machine (a slow answer is not a dead instance); a killed one refuses connections and
                # is redispatched at once, and marked down within about three seconds.
                timeout check 10s
                default-server inter 1s fall 3 rise 1
                http-response set-header X-Instance %[srv_name]
                server a 127.0.0.1:{a.Port} check cookie a
                server b 127.0.0.1:{b.Port} check cookie b

            """, Ct);
        var start = new ProcessStartInfo(HaProxy) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-db", "-f", config])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("haproxy did not start.");
        _processes.Add(process);
        var output = new Instance("haproxy", port, process);
        process.OutputDataReceived += (_, e) => output.Log(e.Data);
        process.ErrorDataReceived += (_, e) => output.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var lb = new Uri($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = lb };
        var ready = await DatabaseLeaseTests.WithinAsync(
            () =>
            {
                try
                {
                    return !process.HasExited && client.GetAsync(OperationsSetup.LivePath, Ct).GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(15));
        Assert.True(ready, "haproxy did not answer:\n" + output.Output);
        return lb;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private sealed class Instance(string name, int port, Process process)
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public string Name { get; } = name;
        public int Port { get; } = port;
        public Process Process { get; } = process;

        public bool HoldsSealer => _lines.Any(l => l.Contains($"Lease {ChainSealingService.LeaseName} acquired", StringComparison.Ordinal));

        public string Output => string.Join('\n', _lines.TakeLast(80));

        public void Log(string? line)
        {
            if (line is not null)
            {
                _lines.Enqueue(line);
            }
        }
    }

    /// <summary>A browser's cookie jar behind the load balancer; HAProxy's SRV cookie chooses the instance.</summary>
    private sealed class Browser : IDisposable
    {
        private readonly CookieContainer _cookies = new();
        private readonly HttpClient _client;
        private readonly Uri _lb;

        public Browser(Uri lb)
        {
            _lb = lb;
            _client = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = lb };
        }

        public async Task<HttpResponseMessage> GetAsync(Instance via, string path, Instance? expectInstance = null)
        {
            _cookies.Add(_lb, new System.Net.Cookie("SRV", via.Name));
            var response = await _client.GetAsync(path, Ct);
            Assert.Equal((expectInstance ?? via).Name, await InstanceOfAsync(response));
            return response;
        }

        /// <summary>GETs the form on <paramref name="pageFrom"/> for its antiforgery token and POSTs it to <paramref name="postTo"/>.</summary>
        public async Task<HttpResponseMessage> PostFormAsync(Instance pageFrom, Instance postTo, string path, string formName, Dictionary<string, string> fields)
        {
            var page = await GetAsync(pageFrom, path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            fields["__RequestVerificationToken"] = ApiSession.AntiforgeryToken(await page.Content.ReadAsStringAsync(Ct));
            fields["_handler"] = formName;
            _cookies.Add(_lb, new System.Net.Cookie("SRV", postTo.Name));
            var response = await _client.PostFormAsync(path, fields, Ct);
            Assert.Equal(postTo.Name, await InstanceOfAsync(response));
            return response;
        }

        /// <summary>The instance that answered, or a failure that shows what HAProxy itself answered (503: no server up).</summary>
        private static async Task<string> InstanceOfAsync(HttpResponseMessage response)
        {
            if (!response.Headers.TryGetValues("X-Instance", out var values))
            {
                Assert.Fail($"No instance answered: HAProxy said {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            }

            return values.Single();
        }

        public Task<HttpResponseMessage> PasswordStepAsync(Instance pageFrom, Instance postTo, string userName, string password) =>
            PostFormAsync(pageFrom, postTo, ApiSession.LoginFlowPaths.Password, "login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });

        public void Dispose() => _client.Dispose();
    }
}
