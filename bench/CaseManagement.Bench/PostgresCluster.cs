using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CaseManagement.Bench;

/// <summary>
/// A throwaway PostgreSQL 15 cluster, started the way the tests start theirs (initdb, pg_ctl, loopback only, fsync
/// off), or the server in <c>CASEMANAGEMENT_TEST_POSTGRES</c>. Stopped and deleted on dispose.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private string? _directory;

    public string BaseConnectionString { get; private set; } = "";

    public static async Task<PostgresCluster> StartAsync()
    {
        var cluster = new PostgresCluster();
        var external = Environment.GetEnvironmentVariable("CASEMANAGEMENT_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            cluster.BaseConnectionString = external;
            return cluster;
        }

        cluster._directory = Path.Combine("/tmp", "cm-bench-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(cluster._directory);
        if (!OperatingSystem.IsWindows())
        {
            // As root the cluster runs as the postgres user, which must write here.
            File.SetUnixFileMode(cluster._directory, (UnixFileMode)0b111_111_111);
        }
        var data = Path.Combine(cluster._directory, "data");
        await RunAsync(Path.Combine(BinDirectory, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        var port = FreeLoopbackPort();
        await RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(cluster._directory, "log"), "-w", "-t", "30", "-o",
             $"-p {port} -k {cluster._directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"]);
        cluster.BaseConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres" }.ConnectionString;
        return cluster;
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(BaseConnectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(maintenance.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(BaseConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_directory is not null)
        {
            await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"]);
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a PostgreSQL binary; as root through the postgres user, which initdb requires.</summary>
    private static async Task RunAsync(string file, string[] arguments)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asRoot)
        {
            foreach (var a in (string[])["-u", "postgres", "--", file])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {await error}");
        }
    }
}
