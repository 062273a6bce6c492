using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Privacy;

/// <summary>
/// The privacy officer's search in the change audit: by person, user, period and entity kind, newest first, paged.
/// Metadata only (who, when, through which message, how many fields of which records): no values, so no case
/// content. Only the officer's own agency (ADR-018, <see cref="OversightScope.Events"/>): a person or user of the other
/// agency answers "not found", and the other agency's events are neither listed nor counted. A search for a person
/// is logged as a read of them.
/// </summary>
[Requires(Capability.ReviewAccess)]
public sealed record SearchAudit(
    Guid? PersonId = null,
    Guid? UserId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? EntityType = null,
    int PageNumber = 1,
    int PageSize = 50) : IQuery<Page<AuditSearchRow>>, IPagedQuery;

/// <summary>One audit event: who did what, when; <see cref="EntityTypes"/> and <see cref="ChangeCount"/> of the matching changes.</summary>
public sealed record AuditSearchRow(
    Guid AuditEventId,
    long? Sequence,
    DateTimeOffset OccurredAt,
    Guid? UserId,
    string? UserDisplayName,
    string Roles,
    string MessageName,
    bool UnderEmergencyAccess,
    IReadOnlyList<string> EntityTypes,
    int ChangeCount);

internal sealed class SearchAuditValidator : AbstractValidator<SearchAudit>
{
    public SearchAuditValidator()
    {
        RuleFor(x => x.To).GreaterThan(x => x.From).When(x => x.From is not null && x.To is not null).WithMessage(_ => Messages.Privacy_PeriodOrder);
        RuleFor(x => x.EntityType).SingleLine(100);
        this.AddPagingRules();
    }
}

internal sealed class SearchAuditHandler(CaseDbContext db, CurrentUser currentUser, AccessLogger accessLogger) : IQueryHandler<SearchAudit, Page<AuditSearchRow>>
{
    public const string Section = "AuditSearch";

    public async ValueTask<Page<AuditSearchRow>> Handle(SearchAudit query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var personId = query.PersonId;
        if (personId is { } asked)
        {
            await OversightScope.RequireOwnPersonAsync(db, user, asked, cancellationToken);
        }

        if (query.UserId is { } actor)
        {
            await OversightScope.RequireOwnUserAsync(db, user, actor, cancellationToken);
        }

        var entityType = TextRules.Clean(query.EntityType);
        var events = OversightScope.Events(db, user).AsNoTracking();
        if (query.From is { } from)
        {
            var start = from.ToUniversalTime();
            events = events.Where(e => e.OccurredAt >= start);
        }

        if (query.To is { } to)
        {
            var end = to.ToUniversalTime();
            events = events.Where(e => e.OccurredAt < end);
        }

        if (query.UserId is { } userId)
        {
            events = events.Where(e => e.UserId == userId);
        }

        if (personId is not null || entityType is not null)
        {
            events = events.Where(e => db.AuditSubjects.Any(s => s.AuditEventId == e.Id && (personId == null || s.PersonId == personId) && (entityType == null || s.EntityType == entityType)));
        }

        var total = await events.CountAsync(cancellationToken);
        var rows = await events
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .TakePage(query)
            .Select(e => new
            {
                e.Id,
                Sequence = db.AuditEventSeals.Where(s => s.RecordId == e.Id).Select(s => (long?)s.Sequence).FirstOrDefault(),
                e.OccurredAt,
                e.UserId,
                e.Roles,
                e.MessageName,
                e.EmergencyAccessId,
                e.Changes,
            })
            .ToListAsync(cancellationToken);

        var userIds = rows.Select(r => r.UserId).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        if (personId is { } pid)
        {
            await accessLogger.RecordAsync(new AccessRecord(pid, null, Section, AccessPurpose.NormalWork, ResultCount: rows.Count), cancellationToken);
        }

        var items = rows.Select(r =>
            {
                var types = r.Changes.Where(c => (personId == null || c.PersonId == personId) && (entityType == null || c.EntityType == entityType)).Select(c => c.EntityType).ToList();
                return new AuditSearchRow(
                    r.Id, r.Sequence, r.OccurredAt, r.UserId, r.UserId is { } u && names.TryGetValue(u, out var n) ? n : null, r.Roles, r.MessageName,
                    r.EmergencyAccessId is not null, types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), types.Count);
            })
            .ToList();
        return new Page<AuditSearchRow>(items, query.PageNumber, query.PageSize, total);
    }
}
