using CaseManagement.Application.Auditing;

namespace CaseManagement.Web;

/// <summary>
/// Runs the <see cref="ChainSealer"/> in the background (ADR-017): woken when an audit event or access entry is
/// written (then gathering that moment's writes for three seconds), and every half minute regardless.
/// </summary>
public sealed partial class ChainSealingService(IServiceScopeFactory scopes, ChainSealer sealer, ILogger<ChainSealingService> logger, IConfiguration configuration)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        sealer.RunAsync(
            scopes,
            TimeSpan.FromSeconds(configuration.GetValue("Audit:SealIntervalSeconds", 30)),
            ex => LogFailed(logger, ex.GetType().Name),
            stoppingToken);

    // The records stay unsealed and the next pass takes them; the verifier reports any that wait too long.
    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Sealing the audit chains failed: {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
