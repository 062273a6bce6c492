using System.Security.Cryptography;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Privacy;

/// <summary>
/// Every field change to one person's records over time (the person, guardians, follow-ups, consents, disclosures,
/// and every later record kind that carries the person): who, when, through which message, field, old → new. For
/// the privacy officer only; encrypted values ([Sensitive]) are decrypted here and nowhere else, and the viewing
/// is written to the access log before it is returned (R20).
/// </summary>
[Requires(Capability.ReviewAccess)]
public sealed record ChangeHistoryForPerson(Guid PersonId, int PageNumber = 1, int PageSize = 100) : IQuery<Page<FieldChange>>, IPagedQuery;

/// <summary>
/// One changed field. <see cref="WasEncrypted"/>: stored encrypted in the audit; <see cref="Unreadable"/>: its key is
/// no longer configured (the values are then null).
/// </summary>
public sealed record FieldChange(
    DateTimeOffset OccurredAt,
    long? Sequence,
    Guid? UserId,
    string? UserDisplayName,
    string Roles,
    string MessageName,
    string EntityType,
    string EntityId,
    string Field,
    AuditOperation Operation,
    string? OldValue,
    string? NewValue,
    bool WasEncrypted,
    bool Unreadable = false);

internal sealed class ChangeHistoryForPersonValidator : AbstractValidator<ChangeHistoryForPerson>
{
    public ChangeHistoryForPersonValidator()
    {
        RuleFor(x => x.PersonId).NotEmpty();
        this.AddPagingRules();
    }
}

internal sealed class ChangeHistoryForPersonHandler(CaseDbContext db, AccessLogger accessLogger, FieldProtector protector)
    : IQueryHandler<ChangeHistoryForPerson, Page<FieldChange>>
{
    public const string Section = "ChangeHistory";

    public async ValueTask<Page<FieldChange>> Handle(ChangeHistoryForPerson query, CancellationToken cancellationToken)
    {
        // The person's events through the subject index; their changes are filtered to the person's records here.
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => db.AuditSubjects.Any(s => s.AuditEventId == e.Id && s.PersonId == query.PersonId))
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new { e.OccurredAt, Sequence = db.AuditEventSeals.Where(s => s.RecordId == e.Id).Select(s => (long?)s.Sequence).FirstOrDefault(), e.UserId, e.Roles, e.MessageName, e.Changes })
            .ToListAsync(cancellationToken);
        var changes = events
            .SelectMany(e => e.Changes.Where(c => c.PersonId == query.PersonId).OrderBy(c => c.Ordinal).Select(c => new
            {
                e.OccurredAt, e.Sequence, e.UserId, e.Roles, e.MessageName, c.EntityType, c.EntityId, c.Field, c.Operation, c.OldValue, c.NewValue, c.IsEncrypted,
            }))
            .ToList();

        var total = changes.Count;
        var rows = changes.TakePage(query).ToList();
        var userIds = rows.Select(r => r.UserId).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        await accessLogger.RecordAsync(new AccessRecord(query.PersonId, null, Section, AccessPurpose.NormalWork, ResultCount: rows.Count), cancellationToken);

        var items = rows.Select(r =>
        {
            var (oldValue, newValue, unreadable) = r.IsEncrypted ? Decrypt(r.OldValue, r.NewValue) : (r.OldValue, r.NewValue, false);
            return new FieldChange(
                r.OccurredAt, r.Sequence, r.UserId, r.UserId is { } u && names.TryGetValue(u, out var n) ? n : null, r.Roles, r.MessageName,
                r.EntityType, r.EntityId, r.Field, r.Operation, oldValue, newValue, r.IsEncrypted, unreadable);
        }).ToList();
        return new Page<FieldChange>(items, query.PageNumber, query.PageSize, total);
    }

    private (string? Old, string? New, bool Unreadable) Decrypt(string? oldValue, string? newValue)
    {
        try
        {
            return (oldValue is null ? null : protector.Unprotect(oldValue), newValue is null ? null : protector.Unprotect(newValue), false);
        }
        catch (CryptographicException)
        {
            // A retired key or a damaged value: the history still shows that the field changed.
            return (null, null, true);
        }
    }
}
