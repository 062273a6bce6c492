using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace CaseManagement.Tests.Support.Databases;

/// <summary>
/// SQL Server for the tests. With <c>CASEMANAGEMENT_TEST_SQLSERVER</c> set (a connection string to a server, e.g. the
/// hosted CI's service container) that server is used; otherwise a Testcontainers container, started on first use
/// and only when a Docker engine answers. Without either, each SQL Server test is skipped at run time with the reason
/// (never failed, never skipped statically). Each test database is created here and dropped at the end of the run.
/// </summary>
public sealed class SqlServerServer : IAsyncLifetime
{
    public const string Image = "mcr.microsoft.com/mssql/server:2022-latest";
    public const string EnvironmentVariable = "CASEMANAGEMENT_TEST_SQLSERVER";

    private static readonly Lazy<string?> Unavailable = new(FindWhyUnavailable);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<string> _createdDatabases = [];
    private MsSqlContainer? _container;
    private string? _baseConnectionString;

    /// <summary>Null when a server is configured or a Docker engine is reachable; otherwise why SQL Server tests cannot run here.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Skips the calling test (dynamically, with the reason) when there is no SQL Server to use.</summary>
    public static void SkipUnlessAvailable()
    {
        if (UnavailableReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    /// <summary>Creates an empty, uniquely named database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        SkipUnlessAvailable();
        var baseConnectionString = await EnsureStartedAsync(cancellationToken);
        var name = "cm_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new SqlConnection(Maintenance(baseConnectionString)))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new SqlCommand($"CREATE DATABASE [{name}]", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_createdDatabases)
        {
            _createdDatabases.Add(name);
        }

        return new SqlConnectionStringBuilder(baseConnectionString) { InitialCatalog = name }.ConnectionString;
    }

    private async Task<string> EnsureStartedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_baseConnectionString is null)
            {
                var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
                if (!string.IsNullOrWhiteSpace(external))
                {
                    _baseConnectionString = external;
                }
                else
                {
                    var container = new MsSqlBuilder(Image).Build();
                    await container.StartAsync(cancellationToken);
                    _container = container;
                    _baseConnectionString = new SqlConnectionStringBuilder(container.GetConnectionString()) { TrustServerCertificate = true }.ConnectionString;
                }
            }

            return _baseConnectionString;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The server's master database, unpooled (a pooled session would keep a dropped database in use).</summary>
    private static string Maintenance(string baseConnectionString) =>
        new SqlConnectionStringBuilder(baseConnectionString) { InitialCatalog = "master", Pooling = false }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
        else if (_baseConnectionString is not null)
        {
            await DropCreatedDatabasesAsync(_baseConnectionString);
        }

        _gate.Dispose();
    }

    private async Task DropCreatedDatabasesAsync(string baseConnectionString)
    {
        await using var connection = new SqlConnection(Maintenance(baseConnectionString));
        await connection.OpenAsync();
        foreach (var name in _createdDatabases)
        {
            await using var command = new SqlCommand(
                $"IF DB_ID(N'{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END",
                connection);
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            catch (SqlException)
            {
                // A leftover test database is harmless; the run's results stand.
            }
        }
    }

    private static string? FindWhyUnavailable()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable))
            || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOCKER_HOST")))
        {
            return null;
        }

        const string socketPath = "/var/run/docker.sock";
        if (!File.Exists(socketPath))
        {
            return $"No SQL Server: {EnvironmentVariable} is not set, and no Docker engine for Testcontainers (DOCKER_HOST is not set and {socketPath} does not exist).";
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return null;
        }
        catch (SocketException ex)
        {
            return $"No SQL Server: {EnvironmentVariable} is not set, and no Docker engine for Testcontainers (DOCKER_HOST is not set and {socketPath} " +
                $"does not accept a connection: {ex.SocketErrorCode}).";
        }
    }
}
