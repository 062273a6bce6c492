using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace CaseManagement.Tests.Support.Databases;

/// <summary>
/// SQL Server in a Testcontainers container, started on first use and only when a Docker engine answers. Without
/// one, each SQL Server test is skipped at run time with the reason (never failed, never skipped statically).
/// </summary>
public sealed class SqlServerServer : IAsyncLifetime
{
    public const string Image = "mcr.microsoft.com/mssql/server:2022-latest";

    private static readonly Lazy<string?> Unavailable = new(FindWhyDockerIsUnavailable);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MsSqlContainer? _container;

    /// <summary>Null when a Docker engine is reachable; otherwise why SQL Server tests cannot run here.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Skips the calling test (dynamically, with the reason) when there is no Docker engine.</summary>
    public static void SkipUnlessAvailable()
    {
        if (UnavailableReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    /// <summary>A connection string to a fresh, uniquely named database (created by the first migration).</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        SkipUnlessAvailable();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_container is null)
            {
                var container = new MsSqlBuilder(Image).Build();
                await container.StartAsync(cancellationToken);
                _container = container;
            }
        }
        finally
        {
            _gate.Release();
        }

        return new SqlConnectionStringBuilder(_container.GetConnectionString())
        {
            InitialCatalog = "cm_test_" + Guid.NewGuid().ToString("N"),
            TrustServerCertificate = true,
        }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            SqlConnection.ClearAllPools();
            await _container.DisposeAsync();
        }

        _gate.Dispose();
    }

    private static string? FindWhyDockerIsUnavailable()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOCKER_HOST")))
        {
            return null;
        }

        const string socketPath = "/var/run/docker.sock";
        if (!File.Exists(socketPath))
        {
            return $"No Docker engine: SQL Server tests need Testcontainers (DOCKER_HOST is not set and {socketPath} does not exist).";
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return null;
        }
        catch (SocketException ex)
        {
            return $"No Docker engine: SQL Server tests need Testcontainers (DOCKER_HOST is not set and {socketPath} " +
                $"does not accept a connection: {ex.SocketErrorCode}).";
        }
    }
}
