using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.WorkSurfaces;

/// <summary>
/// Tidslinje (the person timeline): every event about one person that the user may see, across record kinds and the
/// follow-ups they reach, newest first, optionally only some kinds and a period of Oslo calendar days. The grants are
/// decided once by <see cref="AccessDecision"/>; a follow-up the user does not reach adds nothing, not even to a count.
/// A person of whom the user reaches no follow-up is "not found", exactly like a person who does not exist.
/// </summary>
[Requires(Capability.ReadFollowUps)]
public sealed record GetPersonTimeline(
    Guid PersonId, IReadOnlyList<TimelineKind>? Kinds = null, DateOnly? From = null, DateOnly? To = null, int PageNumber = 1, int PageSize = 50)
    : IQuery<PersonTimeline>, IPagedQuery;

/// <summary>A follow-up on the timeline: its id and how the user reaches it (the page links to it).</summary>
public sealed record TimelineFollowUp(Guid Id, AccessBasis Basis);

/// <summary>
/// One page of the person's timeline. <paramref name="TotalCount"/> counts the events after the kind and period
/// filters; <paramref name="CountsByKind"/> counts the events of the period by kind (for the filter chips).
/// </summary>
public sealed record PersonTimeline(
    Guid PersonId,
    string PersonName,
    IReadOnlyList<TimelineFollowUp> FollowUps,
    IReadOnlyList<TimelineEvent> Events,
    int PageNumber,
    int PageSize,
    int TotalCount,
    IReadOnlyDictionary<TimelineKind, int> CountsByKind)
{
    public int PageCount => TotalCount == 0 ? 0 : (int)Math.Ceiling(TotalCount / (double)PageSize);
}

internal sealed class GetPersonTimelineValidator : AbstractValidator<GetPersonTimeline>
{
    public GetPersonTimelineValidator()
    {
        RuleFor(x => x.PersonId).NotEmpty();
        RuleForEach(x => x.Kinds).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
            .WithMessage(_ => Messages.Timeline_PeriodOrder);
        this.AddPagingRules();
    }
}

internal sealed class GetPersonTimelineHandler(
    CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog, IEnumerable<ITimelineSource> sources)
    : IQueryHandler<GetPersonTimeline, PersonTimeline>
{
    public async ValueTask<PersonTimeline> Handle(GetPersonTimeline query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();

        // Only grants that cover the follow-up itself count, as for the follow-up and the person pages: a unit given
        // (say) the plan kind alone does not reach the follow-up, so it does not reach the timeline either.
        var grants = (await AccessDecision.DecideForPersonAsync(db, user, query.PersonId, now, cancellationToken))
            .Where(g => g.Covers(RecordKinds.FollowUp))
            .ToList();
        if (grants.Count == 0)
        {
            throw new NotFoundException("Person");
        }

        await accessLog.RecordAsync(grants.Select(g => new AccessRecord(g.PersonId, g.FollowUpId, "Timeline", AccessDecision.PurposeOf(g.Basis))).ToList(), cancellationToken);

        var scope = new TimelineScope(query.PersonId, user, now, grants);
        var all = new List<TimelineEvent>();
        foreach (var source in sources)
        {
            all.AddRange(await source.ForPersonAsync(db, scope, cancellationToken));
        }

        // A second line behind the sources: an event is shown only if its follow-up's grant covers its section.
        var covered = grants.ToDictionary(g => g.FollowUpId);
        var visible = all.Where(e => covered.TryGetValue(e.FollowUpId, out var g) && g.Covers(e.Section));

        if (query.From is { } from)
        {
            var start = OsloTime.StartOf(from);
            visible = visible.Where(e => e.When >= start);
        }

        if (query.To is { } to)
        {
            var end = OsloTime.StartOf(to.AddDays(1));
            visible = visible.Where(e => e.When < end);
        }

        var inPeriod = visible.ToList();
        var counts = inPeriod.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count());
        var chosen = query.Kinds is { Count: > 0 } kinds ? inPeriod.Where(e => kinds.Contains(e.Kind)).ToList() : inPeriod;
        var ordered = chosen.OrderByDescending(e => e.When).ThenBy(e => e.Kind).ThenBy(e => e.SourceId).ToList();
        var page = ordered.TakePage(query).ToList();

        var name = await db.Persons.AsNoTracking().Where(p => p.Id == query.PersonId)
            .Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(cancellationToken);
        return new PersonTimeline(
            query.PersonId, name, grants.Select(g => new TimelineFollowUp(g.FollowUpId, g.Basis)).ToList(),
            page, query.PageNumber, query.PageSize, ordered.Count, counts);
    }
}
