using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Application.Auditing;

/// <summary>What one read showed, before it is written to the access log.</summary>
public sealed record AccessRecord(Guid? PersonId, Guid? FollowUpId, string Section, AccessPurpose Purpose, AccessOutcome Outcome = AccessOutcome.Granted, int ResultCount = 1);

/// <summary>
/// Writes access-log entries (who read which person's data, what, why) and commits them before the caller returns
/// the data, never together with half-finished work of the caller. The entries are sealed into the access chain just
/// after by <see cref="ChainSealer"/> (ADR-017), so a read pays one insert and no wait for the chain's head. Not sealed for one reason: the benchmark measures the same read with and without
/// it (docs/performance.md); nothing in the application replaces it.
/// </summary>
public class AccessLogger(IServiceProvider services, CurrentUser currentUser, TimeProvider clock, AuditChain chain, ChainSealer sealer)
{
    public Task RecordAsync(AccessRecord record, CancellationToken ct) => RecordAsync([record], ct);

    public virtual async Task RecordAsync(IReadOnlyList<AccessRecord> records, CancellationToken ct)
    {
        var user = currentUser.Context;
        if (records.Count == 0 || user is null)
        {
            return;
        }

        // The request's own context when it holds no work of the caller (a query: no open transaction, nothing
        // changed), else a context of its own, so nothing half-finished is saved with the entries.
        var scoped = services.GetRequiredService<CaseDbContext>();
        var own = scoped.Database.CurrentTransaction is null && !scoped.ChangeTracker.HasChanges()
            ? null
            : new CaseDbContext(services.GetRequiredService<DbContextOptions<CaseDbContext>>());
        await using var disposeOwn = own;
        var db = own ?? scoped;
        var added = new List<AccessLogEntry>(records.Count);
        var now = AuditChain.RecordTime(clock);
        var roles = string.Join(",", user.Roles.Order());
        foreach (var record in records)
        {
            var entry = new AccessLogEntry
            {
                Id = Guid.CreateVersion7(),
                OccurredAt = now,
                UserId = user.UserId,
                UnitId = user.UnitId,
                AgencyId = user.AgencyId,
                Roles = roles,
                PersonId = record.PersonId,
                FollowUpId = record.FollowUpId,
                Section = record.Section,
                Purpose = record.Purpose,
                Outcome = record.Outcome,
                MessageName = currentUser.MessageName ?? "",
                ResultCount = record.ResultCount,
                ClientAddress = currentUser.ClientAddress,
            };
            entry.ContentHash = chain.ContentHashOf(entry);
            db.AccessLog.Add(entry);
            added.Add(entry);
        }

        // One save: the entries are committed together (EF wraps several in one transaction) or not at all, and
        // the caller's data is not returned without them.
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(token => db.SaveChangesAsync(token), ct);
        }
        finally
        {
            // Written (or failed): the entries are no business of the caller's context from here on.
            foreach (var entry in added)
            {
                db.Entry(entry).State = EntityState.Detached;
            }
        }

        sealer.Nudge();
    }
}
