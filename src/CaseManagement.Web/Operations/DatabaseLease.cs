using System.Buffers.Binary;
using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace CaseManagement.Web.Operations;

/// <summary>
/// Runs a piece of background work on one instance at a time (ADR-020). The lease is a session-level lock in the
/// database, held on a connection of its own that stays open while the work runs: <c>pg_try_advisory_lock</c> on
/// PostgreSQL, <c>sp_getapplock</c> with the session as owner on SQL Server. When the holder dies, even by SIGKILL, the
/// database ends its session and frees the lock, and a waiting instance takes it on its next try
/// (<see cref="RetryEvery"/>). SQLite is a single instance's database: the work runs without a lease.
/// </summary>
public sealed partial class DatabaseLease(IConfiguration configuration, ILogger<DatabaseLease> logger)
{
    /// <summary>How often an instance without the lease tries to take it, and how often the holder checks its connection.</summary>
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs <paramref name="work"/> while this instance holds the lease <paramref name="name"/>; cancels it when the
    /// lease's connection is lost (the database may have given the lease to another instance) and tries again.
    /// </summary>
    public async Task RunWhileHeldAsync(string name, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        var provider = DatabaseSetup.ProviderFrom(configuration);
        if (provider == DatabaseProvider.Sqlite)
        {
            await work(stoppingToken);
            return;
        }

        var connectionString = configuration.GetConnectionString(DatabaseSetup.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{DatabaseSetup.ConnectionStringName} is required for {provider}.");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Not pooled: a pooled connection goes back to the pool with its session, and the lock with it.
                await using var connection = Open(provider, connectionString);
                await connection.OpenAsync(stoppingToken);
                if (await TryAcquireAsync(connection, provider, name, stoppingToken))
                {
                    LogAcquired(logger, name, Environment.ProcessId);
                    await HoldAsync(connection, name, work, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, name, ex.GetType().Name);
            }

            try
            {
                await Task.Delay(RetryEvery, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task HoldAsync(DbConnection connection, string name, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var running = Task.Run(() => work(lost.Token), CancellationToken.None);
        try
        {
            while (!running.IsCompleted && !lost.IsCancellationRequested)
            {
                await Task.WhenAny(running, Task.Delay(RetryEvery, lost.Token));
                if (!running.IsCompleted && !await StillConnectedAsync(connection, lost.Token))
                {
                    LogLost(logger, name);
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the work sees the same cancellation.
        }
        finally
        {
            await lost.CancelAsync();
            try
            {
                await running;
            }
            catch (OperationCanceledException)
            {
                // The work ended because the lease did.
            }
        }
    }

    private static DbConnection Open(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.PostgreSql => new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "oppfolging-lease" }.ConnectionString),
        DatabaseProvider.SqlServer => new SqlConnection(new SqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "oppfolging-lease" }.ConnectionString),
        _ => throw new NotSupportedException(provider.ToString()),
    };

    private static async Task<bool> TryAcquireAsync(DbConnection connection, DatabaseProvider provider, string name, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        if (provider == DatabaseProvider.PostgreSql)
        {
            command.CommandText = "SELECT pg_try_advisory_lock(@key)";
            command.Parameters.Add(new NpgsqlParameter("key", KeyOf(name)));
            return await command.ExecuteScalarAsync(ct) is true;
        }

        command.CommandText = "DECLARE @result int; EXEC @result = sp_getapplock @Resource = @name, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; SELECT @result;";
        command.Parameters.Add(new SqlParameter("name", SqlDbType.NVarChar, 255) { Value = "oppfolging:" + name });
        return await command.ExecuteScalarAsync(ct) is int result && result >= 0;
    }

    private static async Task<bool> StillConnectedAsync(DbConnection connection, CancellationToken ct)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            command.CommandTimeout = (int)Math.Ceiling(RetryEvery.TotalSeconds) + 3;
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // The connection is broken or closed.
            return false;
        }
    }

    /// <summary>A stable 64-bit advisory-lock key for a name (PostgreSQL's advisory locks are keyed by number).</summary>
    public static long KeyOf(string name) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("oppfolging:" + name)));

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Lease {Lease} acquired by process {ProcessId}; its work runs here")]
    private static partial void LogAcquired(ILogger logger, string lease, int processId);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Lease {Lease} lost (its database connection failed); its work stops here")]
    private static partial void LogLost(ILogger logger, string lease);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Lease {Lease} could not be taken: {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string lease, string exceptionType);
}
