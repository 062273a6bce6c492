using System.Text.Json;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Data;
using CaseManagement.Application.Protection;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Web;

/// <summary>
/// Operator commands run instead of the web host: <c>migrate</c>, <c>verify-audit</c> (exit code 1 when a chain is
/// broken), <c>export-chain-heads</c> (JSON on standard output, to be stored outside the database) and
/// <c>rotate-keys</c> (re-encrypts every protected column under <c>Protection:ActiveKey</c>, ADR-010).
/// </summary>
public static class AdminCommands
{
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        var command = args.FirstOrDefault(a => a is "migrate" or "verify-audit" or "export-chain-heads" or "rotate-keys");
        if (command is null)
        {
            return null;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        switch (command)
        {
            case "migrate":
                await db.Database.MigrateAsync();
                await Console.Out.WriteLineAsync("Migrations applied.");
                return 0;
            case "verify-audit":
                var reports = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAllAsync(db, CancellationToken.None);
                foreach (var r in reports)
                {
                    await Console.Out.WriteLineAsync(r.Intact
                        ? $"{r.Chain}: intact, {r.Checked} records, head {r.HeadSequence} {r.HeadHash}; {r.Waiting} recent records wait for the sealer"
                        : r.Problem == ChainProblem.Unsealed
                            ? $"{r.Chain}: {r.Checked} records intact, but {r.Waiting} records are not sealed and some are older than {AuditVerifier.SealingGrace.TotalMinutes} minutes (is the app running?)"
                            : $"{r.Chain}: BROKEN at sequence {r.FirstBrokenSequence} ({r.Problem}); {r.Checked} records verified before it");
                }

                return reports.All(r => r.Intact) ? 0 : 1;
            case "rotate-keys":
                var rotated = await scope.ServiceProvider.GetRequiredService<KeyRotation>().RotateAsync(CancellationToken.None);
                foreach (var (entity, rows) in rotated.RowsByEntity)
                {
                    await Console.Out.WriteLineAsync($"{entity}: {rows} rows re-encrypted");
                }

                await Console.Out.WriteLineAsync($"{rotated.Values} values now under key {scope.ServiceProvider.GetRequiredService<FieldProtector>().ActiveKeyId}.");
                return 0;
            default:
                var heads = await db.ChainHeads.AsNoTracking().OrderBy(h => h.Chain)
                    .Select(h => new { h.Chain, h.Sequence, h.Hash }).ToListAsync();
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new { exportedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), heads }));
                return 0;
        }
    }
}

/// <summary>Writes the chain heads to the application log periodically: a copy of the heads outside the database.</summary>
public sealed partial class ChainHeadLogger(IServiceScopeFactory scopes, ILogger<ChainHeadLogger> logger, TimeProvider clock, IConfiguration configuration, Operations.DatabaseLease lease) : BackgroundService
{
    /// <summary>One instance logs the heads (under this database lease), not every instance.</summary>
    public const string LeaseName = "chain-head-logger";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => lease.RunWhileHeldAsync(LeaseName, LogHeadsAsync, stoppingToken);

    private async Task LogHeadsAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(configuration.GetValue("Audit:HeadLogIntervalMinutes", 15));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
                foreach (var head in await db.ChainHeads.AsNoTracking().ToListAsync(stoppingToken))
                {
                    LogHead(logger, head.Chain, head.Sequence, head.Hash);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Chain head {Chain} sequence {Sequence} hash {Hash}")]
    private static partial void LogHead(ILogger logger, string chain, long sequence, string hash);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Could not read the chain heads: {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
