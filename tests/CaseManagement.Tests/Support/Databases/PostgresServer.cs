using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CaseManagement.Tests.Support.Databases;

/// <summary>
/// One throwaway PostgreSQL 15 cluster for the whole test run, started on first use. With
/// <c>CASEMANAGEMENT_TEST_POSTGRES</c> set (a base connection string) that server is used instead. PostgreSQL is
/// required: without the binaries or a server every PostgreSQL test fails with the reason, none is skipped.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "CASEMANAGEMENT_TEST_POSTGRES";
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<string> _createdDatabases = [];
    private string? _baseConnectionString;
    private string? _directory;
    private bool _ownCluster;
    private readonly bool _forceOwnCluster;
    private int _port;

    public PostgresServer()
    {
    }

    private PostgresServer(bool forceOwnCluster) => _forceOwnCluster = forceOwnCluster;

    /// <summary>
    /// A cluster of its own, started here even when <see cref="EnvironmentVariable"/> names a server: for a test that
    /// stops and starts its database (<see cref="StopAsync"/>, <see cref="StartAgainAsync"/>). The test disposes it.
    /// </summary>
    public static PostgresServer OwnCluster() => new(forceOwnCluster: true);

    /// <summary>Stops this test's own cluster (as an outage would: immediate shutdown).</summary>
    public Task StopAsync() =>
        RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", Path.Combine(_directory!, "data"), "-m", "immediate", "-w", "stop"], CancellationToken.None);

    /// <summary>Starts this test's own cluster again on the same port.</summary>
    public Task StartAgainAsync() => StartOnPortAsync(_port, CancellationToken.None);

    private Task StartOnPortAsync(int port, CancellationToken cancellationToken) =>
        RunAsync(
            Path.Combine(BinDirectory, "pg_ctl"),
            ["-D", Path.Combine(_directory!, "data"), "-l", Path.Combine(_directory!, "log"), "-w", "-t", "30", "-o", $"-p {port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"],
            cancellationToken);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Creates an empty, uniquely named database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var baseConnectionString = await EnsureStartedAsync(cancellationToken);
        var name = "cm_test_" + Guid.NewGuid().ToString("N");
        var maintenance = new NpgsqlConnectionStringBuilder(baseConnectionString);
        maintenance.Database ??= "postgres";
        maintenance.Pooling = false;
        await using (var connection = new NpgsqlConnection(maintenance.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_createdDatabases)
        {
            _createdDatabases.Add(name);
        }

        var builder = new NpgsqlConnectionStringBuilder(baseConnectionString) { Database = name, IncludeErrorDetail = true };
        return builder.ConnectionString;
    }

    private async Task<string> EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (_baseConnectionString is not null)
        {
            return _baseConnectionString;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_baseConnectionString is not null)
            {
                return _baseConnectionString;
            }

            var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
            _baseConnectionString = string.IsNullOrWhiteSpace(external) || _forceOwnCluster
                ? await StartClusterAsync(cancellationToken)
                : external;
            return _baseConnectionString;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> StartClusterAsync(CancellationToken cancellationToken)
    {
        var initdb = Path.Combine(BinDirectory, "initdb");
        var pgCtl = Path.Combine(BinDirectory, "pg_ctl");
        if (!File.Exists(initdb) || !File.Exists(pgCtl))
        {
            throw new InvalidOperationException(
                $"PostgreSQL tests need PostgreSQL 15: {initdb} and {pgCtl} were not found. Install the server " +
                $"binaries (Debian: apt-get install postgresql-15) or set {EnvironmentVariable} to a base connection " +
                "string of a running server. These tests are required and are never skipped.");
        }

        _directory = Path.Combine("/tmp", "cm-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
        if (!OperatingSystem.IsWindows())
        {
            // As root the cluster runs as the postgres user, which must write here.
            File.SetUnixFileMode(_directory, (UnixFileMode)0b111_111_111);
        }
        var data = Path.Combine(_directory, "data");
        var log = Path.Combine(_directory, "log");

        await RunAsync(initdb, ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], cancellationToken);
        _ownCluster = true;

        // The port is free when chosen; another build on this machine may take it first, so try a few.
        Exception? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreeLoopbackPort();
            try
            {
                await StartOnPortAsync(port, cancellationToken);
                _port = port;
                return new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                }.ConnectionString;
            }
            catch (InvalidOperationException ex)
            {
                last = ex;
            }
        }

        var logText = File.Exists(log) ? await File.ReadAllTextAsync(log, cancellationToken) : "(no log)";
        throw new InvalidOperationException($"PostgreSQL did not start. Server log:\n{logText}", last);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_ownCluster && _directory is not null)
        {
            try
            {
                await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"], CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Not running (start failed); the directory is removed below all the same.
            }
        }
        else if (_baseConnectionString is not null)
        {
            await DropCreatedDatabasesAsync();
        }

        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        _gate.Dispose();
    }

    private async Task DropCreatedDatabasesAsync()
    {
        var maintenance = new NpgsqlConnectionStringBuilder(_baseConnectionString) { Pooling = false };
        maintenance.Database ??= "postgres";
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync();
        foreach (var name in _createdDatabases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>initdb refuses to run as root: as root the binaries run as the postgres user.</summary>
    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Environment.UserName == "root")
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
