using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Application.Auditing;

/// <summary>What one read showed, before it is written to the access log.</summary>
public sealed record AccessRecord(Guid? PersonId, Guid? FollowUpId, string Section, AccessPurpose Purpose, AccessOutcome Outcome = AccessOutcome.Granted, int ResultCount = 1);

/// <summary>
/// Writes access-log entries (who read which person's data, what, why) and commits them before the caller returns
/// the data, on a context of its own so no half-finished work of the caller is saved with them. Appends retry when
/// another writer took the chain head first. Not sealed for one reason: the benchmark measures the same read with
/// and without it (docs/performance.md); nothing in the application replaces it.
/// </summary>
public class AccessLogger(IServiceProvider services, CurrentUser currentUser, TimeProvider clock, AuditChain chain)
{
    private const int MaxAttempts = 20;

    public Task RecordAsync(AccessRecord record, CancellationToken ct) => RecordAsync([record], ct);

    public virtual async Task RecordAsync(IReadOnlyList<AccessRecord> records, CancellationToken ct)
    {
        var user = currentUser.Context;
        if (records.Count == 0 || user is null)
        {
            return;
        }

        var options = services.GetRequiredService<DbContextOptions<CaseDbContext>>();
        for (var attempt = 1; ; attempt++)
        {
            await using var db = new CaseDbContext(options);
            var strategy = db.Database.CreateExecutionStrategy();
            try
            {
                await strategy.ExecuteAsync(async token =>
                {
                    db.ChangeTracker.Clear();
                    await using var transaction = await db.Database.BeginTransactionAsync(token);
                    var (sequence, previous, head) = await AuditChain.NextAsync(db, AuditChain.AccessLog, token);
                    var now = AuditChain.RecordTime(clock);
                    foreach (var record in records)
                    {
                        var entry = new AccessLogEntry
                        {
                            Id = Guid.CreateVersion7(),
                            Sequence = sequence,
                            OccurredAt = now,
                            UserId = user.UserId,
                            UnitId = user.UnitId,
                            AgencyId = user.AgencyId,
                            Roles = string.Join(",", user.Roles.Order()),
                            PersonId = record.PersonId,
                            FollowUpId = record.FollowUpId,
                            Section = record.Section,
                            Purpose = record.Purpose,
                            Outcome = record.Outcome,
                            MessageName = currentUser.MessageName ?? "",
                            ResultCount = record.ResultCount,
                            ClientAddress = currentUser.ClientAddress,
                            PreviousHash = previous,
                        };
                        entry.Hash = chain.HashOf(entry);
                        db.AccessLog.Add(entry);
                        previous = entry.Hash;
                        sequence++;
                    }

                    AuditChain.Advance(db, head, sequence - 1, previous);
                    await db.SaveChangesAsync(token);
                    await transaction.CommitAsync(token);
                }, ct);
                return;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another writer appended first (head version or sequence taken): read the new head and try again.
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
        }
    }
}
