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
/// and every later record kind that carries the person): who, when, through which message, which field. For the
/// privacy officer of the person's own agency only (ADR-018): a person of the other agency answers "not found". The
/// values are shown only for status, time and reference fields (<see cref="OversightScope.ShowsValue"/>); case
/// content and encrypted values ([Sensitive]) are never decrypted or returned here. The viewing is written to the
/// access log before it is returned (R20).
/// </summary>
[Requires(Capability.ReviewAccess)]
public sealed record ChangeHistoryForPerson(Guid PersonId, int PageNumber = 1, int PageSize = 100) : IQuery<Page<FieldChange>>, IPagedQuery;

/// <summary>
/// One changed field. <see cref="WasEncrypted"/>: stored encrypted in the audit; <see cref="ValueHidden"/>: the values
/// are case content or personal data the privacy officer does not see (they are then null).
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
    bool ValueHidden);

internal sealed class ChangeHistoryForPersonValidator : AbstractValidator<ChangeHistoryForPerson>
{
    public ChangeHistoryForPersonValidator()
    {
        RuleFor(x => x.PersonId).NotEmpty();
        this.AddPagingRules();
    }
}

internal sealed class ChangeHistoryForPersonHandler(CaseDbContext db, CurrentUser currentUser, AccessLogger accessLogger)
    : IQueryHandler<ChangeHistoryForPerson, Page<FieldChange>>
{
    public const string Section = "ChangeHistory";

    public async ValueTask<Page<FieldChange>> Handle(ChangeHistoryForPerson query, CancellationToken cancellationToken)
    {
        await OversightScope.RequireOwnPersonAsync(db, currentUser.Required, query.PersonId, cancellationToken);

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
            var shown = OversightScope.ShowsValue(r.Field, r.IsEncrypted);
            return new FieldChange(
                r.OccurredAt, r.Sequence, r.UserId, r.UserId is { } u && names.TryGetValue(u, out var n) ? n : null, r.Roles, r.MessageName,
                r.EntityType, r.EntityId, r.Field, r.Operation, shown ? r.OldValue : null, shown ? r.NewValue : null, r.IsEncrypted, !shown);
        }).ToList();
        return new Page<FieldChange>(items, query.PageNumber, query.PageSize, total);
    }
}
