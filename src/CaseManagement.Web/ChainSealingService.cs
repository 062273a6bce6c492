using CaseManagement.Application.Auditing;
using CaseManagement.Web.Operations;

namespace CaseManagement.Web;

/// <summary>
/// Runs the <see cref="ChainSealer"/> in the background (ADR-017): woken when an audit event or access entry is
/// written (then gathering that moment's writes for three seconds), and every half minute regardless. With several
/// instances it runs on one at a time, under the database lease <see cref="LeaseName"/>; records written on the
/// other instances are sealed on its next half-minute pass at the latest.
/// </summary>
public sealed partial class ChainSealingService(IServiceScopeFactory scopes, ChainSealer sealer, DatabaseLease lease, ILogger<ChainSealingService> logger, IConfiguration configuration)
    : BackgroundService
{
    public const string LeaseName = "chain-sealer";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        lease.RunWhileHeldAsync(
            LeaseName,
            ct => sealer.RunAsync(
                scopes,
                TimeSpan.FromSeconds(configuration.GetValue("Audit:SealIntervalSeconds", 30)),
                ex => LogFailed(logger, ex.GetType().Name),
                ct),
            stoppingToken);

    // The records stay unsealed and the next pass takes them; the verifier reports any that wait too long.
    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Sealing the audit chains failed: {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
