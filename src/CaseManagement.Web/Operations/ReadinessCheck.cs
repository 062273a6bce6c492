using CaseManagement.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CaseManagement.Web.Operations;

/// <summary>
/// Ready to serve: the database answers, no migration is pending, and no audit record has waited for the sealer
/// longer than <c>Health:MaxSealerLagSeconds</c> (600 by default, twice the verifier's grace). The reasons stay
/// inside: the endpoint answers only Healthy or Unhealthy.
/// </summary>
public sealed class ReadinessCheck(CaseDbContext db, TimeProvider clock, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }

        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return HealthCheckResult.Unhealthy("migrations pending");
        }

        var maxLag = TimeSpan.FromSeconds(configuration.GetValue("Health:MaxSealerLagSeconds", 600));
        var lag = await SealerLagAsync(db, clock, cancellationToken);
        return lag > maxLag ? HealthCheckResult.Unhealthy("sealer behind") : HealthCheckResult.Healthy();
    }

    /// <summary>How long the oldest record of either chain has waited for its seal (zero when none waits).</summary>
    public static async Task<TimeSpan> SealerLagAsync(CaseDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var oldestEvent = await db.AuditEvents.Where(e => !db.AuditEventSeals.Any(s => s.RecordId == e.Id))
            .OrderBy(e => e.OccurredAt).Select(e => (DateTimeOffset?)e.OccurredAt).FirstOrDefaultAsync(ct);
        var oldestAccess = await db.AccessLog.Where(e => !db.AccessLogSeals.Any(s => s.RecordId == e.Id))
            .OrderBy(e => e.OccurredAt).Select(e => (DateTimeOffset?)e.OccurredAt).FirstOrDefaultAsync(ct);
        var oldest = new[] { oldestEvent, oldestAccess }.Where(t => t is not null).Min();
        return oldest is { } t ? clock.GetUtcNow() - t : TimeSpan.Zero;
    }
}
