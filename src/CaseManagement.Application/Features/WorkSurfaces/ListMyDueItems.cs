using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.WorkSurfaces;

/// <summary>
/// "Mine oppgaver" (my tasks): everything due or overdue for the user across record kinds, from every registered
/// <see cref="IDueItemSource"/>. Escalation alerts first, then the most urgent, then the earliest date; optionally one
/// kind only; a page at a time, with counts per kind (over all kinds) and per due-date band (over the chosen kind).
/// </summary>
[Requires(Capability.ReadOwnWork)]
public sealed record ListMyDueItems(DueKind? Kind = null, int PageNumber = 1, int PageSize = 50) : IQuery<DueItemsPage>, IPagedQuery;

/// <summary>How many of the listed items fall in each band of the due-date strip (relative to today in Oslo).</summary>
public sealed record DueBands(int Overdue, int Today, int ThisWeek, int Later);

/// <summary>
/// One page of due items. <paramref name="TotalCount"/> counts the items of the chosen kind (all kinds when none is
/// chosen); <paramref name="CountsByKind"/> counts every kind that has items, so the filter chips can show them.
/// </summary>
public sealed record DueItemsPage(
    IReadOnlyList<DueItem> Items,
    int PageNumber,
    int PageSize,
    int TotalCount,
    IReadOnlyDictionary<DueKind, int> CountsByKind,
    DueBands Bands,
    DateOnly Today)
{
    public int PageCount => TotalCount == 0 ? 0 : (int)Math.Ceiling(TotalCount / (double)PageSize);
}

internal sealed class ListMyDueItemsValidator : AbstractValidator<ListMyDueItems>
{
    public ListMyDueItemsValidator()
    {
        RuleFor(x => x.Kind).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        this.AddPagingRules();
    }
}

internal sealed class ListMyDueItemsHandler(
    CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog, IEnumerable<IDueItemSource> sources)
    : IQueryHandler<ListMyDueItems, DueItemsPage>
{
    /// <summary>"This week" on the strip: the next six days after today.</summary>
    public const int WeekDays = 6;

    public async ValueTask<DueItemsPage> Handle(ListMyDueItems query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var today = OsloTime.DateOf(now);

        // One DbContext: the sources run one after another, never in parallel.
        var all = new List<DueItem>();
        foreach (var source in sources)
        {
            all.AddRange(await source.ForUserAsync(db, user, now, today, cancellationToken));
        }

        var counts = all.GroupBy(i => i.Kind).ToDictionary(g => g.Key, g => g.Count());
        var chosen = query.Kind is null ? all : all.Where(i => i.Kind == query.Kind).ToList();
        var ordered = chosen
            .OrderBy(i => i.Kind == DueKind.EscalationAlert ? 0 : 1)
            .ThenByDescending(i => i.Severity)
            .ThenBy(i => i.DueDate)
            .ThenBy(i => i.Kind)
            .ThenBy(i => i.Title, StringComparer.CurrentCulture)
            .ThenBy(i => i.SourceId)
            .ToList();
        var bands = new DueBands(
            ordered.Count(i => i.DueDate < today),
            ordered.Count(i => i.DueDate == today),
            ordered.Count(i => i.DueDate > today && i.DueDate <= today.AddDays(WeekDays)),
            ordered.Count(i => i.DueDate > today.AddDays(WeekDays)));
        var page = ordered.TakePage(query).ToList();

        // Each person shown on the page is a read of that person's data (R20). Sources list only the user's own
        // work (team, assignment, recipient), so the purpose is normal work.
        await accessLog.RecordAsync(page
            .Where(i => i.PersonId is not null)
            .Select(i => (i.PersonId, i.FollowUpId))
            .Distinct()
            .Select(p => new AccessRecord(p.PersonId, p.FollowUpId, "DueItems", AccessPurpose.NormalWork))
            .ToList(), cancellationToken);

        return new DueItemsPage(page, query.PageNumber, query.PageSize, ordered.Count, counts, bands, today);
    }
}
