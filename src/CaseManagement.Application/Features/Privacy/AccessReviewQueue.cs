using System.Globalization;
using System.Text;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Protection;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Privacy;

/// <summary>
/// The privacy officer's risk-based review queue (R25; Normen fact sheet 15) for a period of at most
/// <see cref="AccessReviewQueueValidator.MaxDays"/> days:
/// <list type="bullet">
/// <item>every emergency access granted in the period, with its written reason (sensitive, but the privacy officer
/// must judge it);</item>
/// <item>look-ups outside working hours: Europe/Oslo local time before 07:00, from 18:00, or on a Saturday/Sunday;</item>
/// <item>one user reading <see cref="ManyPersonsThreshold"/> or more distinct persons within one hour;</item>
/// <item>self-look-ups: the person read has the user's own identity number (blind indexes compared);</item>
/// <item>relatives: the person read has the user's family name and home address;</item>
/// <item>colleagues: the person read has the identity number of another user of the system.</item>
/// </list>
/// The last three need the user's own details (<see cref="Administration.SetUserPersonalDetails"/>, ADR-011); a user
/// without them is not matched. Each is flagged once per user and person in the period. Emergency accesses leave
/// the queue once reviewed (<see cref="MarkAccessReviewed"/>).
/// <para>
/// Only the officer's own agency, the data controller of the data read (ADR-018): emergency accesses to its follow-ups
/// and look-ups of its persons, by whoever made them. The other agency's are neither listed nor counted.
/// </para>
/// </summary>
[Requires(Capability.ReviewAccess)]
public sealed record AccessReviewQueue(DateTimeOffset From, DateTimeOffset To, int PageNumber = 1, int PageSize = 100) : IQuery<Page<ReviewItem>>, IPagedQuery;

public enum ReviewKind
{
    EmergencyAccess,
    OutsideWorkingHours,
    ManyPersons,
    SelfLookUp,
    Relative,
    Colleague,
}

/// <summary>One flagged access. <see cref="Reason"/> is the emergency access's written reason; null otherwise.
/// <see cref="EmergencyAccessId"/> names the grant to mark reviewed.</summary>
public sealed record ReviewItem(ReviewKind Kind, Guid UserId, string UserDisplayName, string UnitName, DateTimeOffset At, Guid? PersonId, string Why, string? Reason = null, Guid? EmergencyAccessId = null);

internal sealed class AccessReviewQueueValidator : AbstractValidator<AccessReviewQueue>
{
    public const int MaxDays = 31;

    public AccessReviewQueueValidator()
    {
        RuleFor(x => x.To).GreaterThan(x => x.From).WithMessage(_ => Messages.Privacy_PeriodOrder);
        RuleFor(x => x.To).Must((q, to) => to - q.From <= TimeSpan.FromDays(MaxDays)).WithMessage(_ => Messages.Privacy_PeriodTooLong);
        RuleFor(x => x.PageNumber).GreaterThanOrEqualTo(1).WithMessage(_ => Messages.Paging_PageNumber);
        RuleFor(x => x.PageSize).InclusiveBetween(1, Page<ReviewItem>.MaxPageSize).WithMessage(_ => Messages.Paging_PageSize);
    }
}

internal sealed class AccessReviewQueueHandler(CaseDbContext db, CurrentUser currentUser) : IQueryHandler<AccessReviewQueue, Page<ReviewItem>>
{
    public const int ManyPersonsThreshold = 20;
    public static readonly TimeSpan ManyPersonsWindow = TimeSpan.FromHours(1);
    public static readonly TimeOnly WorkStarts = new(7, 0);
    public static readonly TimeOnly WorkEnds = new(18, 0);

    private static readonly TimeZoneInfo Oslo = CaseManagement.Application.Common.OsloTime.Zone;

    public async ValueTask<Page<ReviewItem>> Handle(AccessReviewQueue query, CancellationToken cancellationToken)
    {
        var agencyId = currentUser.Required.AgencyId;
        var items = new List<ReviewItem>();
        // Stored times are UTC (PostgreSQL accepts no other offset): a caller's +01:00 is the same instant in UTC.
        var periodStart = query.From.ToUniversalTime();
        var periodEnd = query.To.ToUniversalTime();

        var emergencies = await (
                from e in db.EmergencyAccesses.AsNoTracking()
                join f in db.FollowUps on e.FollowUpId equals f.Id
                join u in db.Users on e.UserId equals u.Id
                join unit in db.Units on u.UnitId equals unit.Id
                where f.AgencyId == agencyId && e.GrantedAt >= periodStart && e.GrantedAt < periodEnd && e.ReviewedAt == null
                select new { e.Id, e.UserId, u.DisplayName, UnitName = unit.Name, e.GrantedAt, f.PersonId, e.Reason })
            .ToListAsync(cancellationToken);
        items.AddRange(emergencies.Select(e => new ReviewItem(
            ReviewKind.EmergencyAccess, e.UserId, e.DisplayName, e.UnitName, e.GrantedAt, e.PersonId, Messages.Privacy_Why_Emergency, e.Reason, e.Id)));

        // The period is bounded (validator), so its look-ups are read once and judged here: the time-zone rule and the
        // sliding window cannot be translated to SQL on all three providers.
        var lookUps = await (
                from e in db.AccessLog.AsNoTracking()
                join u in db.Users on e.UserId equals u.Id
                join unit in db.Units on e.UnitId equals unit.Id
                join p in db.Persons on e.PersonId equals (Guid?)p.Id
                where p.AgencyId == agencyId && e.OccurredAt >= periodStart && e.OccurredAt < periodEnd
                select new { e.UserId, u.DisplayName, UnitName = unit.Name, e.OccurredAt, e.Id, e.PersonId, e.Outcome })
            .ToListAsync(cancellationToken);

        var outsideHours = CompositeFormat.Parse(Messages.Privacy_Why_OutsideHours);
        var manyPersons = CompositeFormat.Parse(Messages.Privacy_Why_ManyPersons);
        foreach (var e in lookUps)
        {
            var local = TimeZoneInfo.ConvertTime(e.OccurredAt, Oslo);
            if (IsOutsideWorkingHours(local))
            {
                var why = string.Format(CultureInfo.CurrentCulture, outsideHours, local.ToString("ddd dd.MM.yyyy HH:mm", CultureInfo.CurrentCulture));
                items.Add(new ReviewItem(ReviewKind.OutsideWorkingHours, e.UserId, e.DisplayName, e.UnitName, e.OccurredAt, e.PersonId, why));
            }
        }

        foreach (var user in lookUps.Where(e => e.Outcome == AccessOutcome.Granted).GroupBy(e => e.UserId))
        {
            var reads = user.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToList();
            var start = 0;
            for (var end = 0; end < reads.Count; end++)
            {
                while (reads[end].OccurredAt - reads[start].OccurredAt >= ManyPersonsWindow)
                {
                    start++;
                }

                var distinct = reads.Skip(start).Take(end - start + 1).Select(r => r.PersonId).Distinct().Count();
                if (distinct >= ManyPersonsThreshold)
                {
                    // One item per burst: the window is flagged once, then the search starts after it.
                    var first = reads[start];
                    var why = string.Format(CultureInfo.CurrentCulture, manyPersons, distinct);
                    items.Add(new ReviewItem(ReviewKind.ManyPersons, first.UserId, first.DisplayName, first.UnitName, first.OccurredAt, null, why));
                    start = end + 1;
                }
            }
        }

        items.AddRange(await RelationsAsync(lookUps.Where(e => e.Outcome == AccessOutcome.Granted)
            .Select(e => new LookUp(e.UserId, e.DisplayName, e.UnitName, e.OccurredAt, e.Id, e.PersonId!.Value)).ToList(), cancellationToken));

        var ordered = items.OrderBy(i => i.At).ThenBy(i => i.Kind).ToList();
        var page = ordered.TakePage(query).ToList();
        return new Page<ReviewItem>(page, query.PageNumber, query.PageSize, ordered.Count);
    }

    private sealed record LookUp(Guid UserId, string DisplayName, string UnitName, DateTimeOffset At, Guid EntryId, Guid PersonId);

    /// <summary>
    /// Self-, relative- and colleague look-ups: the persons read compared with the readers' own details and with
    /// every user's identity number, through blind indexes (the numbers stay encrypted).
    /// </summary>
    private async Task<List<ReviewItem>> RelationsAsync(List<LookUp> lookUps, CancellationToken ct)
    {
        var items = new List<ReviewItem>();
        if (lookUps.Count == 0)
        {
            return items;
        }

        var personIds = lookUps.Select(l => l.PersonId).Distinct().ToList();
        var persons = await db.Persons.AsNoTracking()
            .Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.FamilyName, p.Address, Index = EF.Property<string?>(p, PersonBlindIndex.Property) })
            .ToDictionaryAsync(p => p.Id, ct);
        var personIndexes = persons.Values.Select(p => p.Index).OfType<string>().Distinct().ToList();
        // Users whose own number is one of the persons read: the reader (self) or someone else (colleague).
        var usersByIndex = (await db.Users.AsNoTracking()
                .Where(u => personIndexes.Contains(EF.Property<string>(u, PersonBlindIndex.Property)))
                .Select(u => new { u.Id, Index = EF.Property<string>(u, PersonBlindIndex.Property) })
                .ToListAsync(ct))
            .ToLookup(u => u.Index, u => u.Id);
        var readerIds = lookUps.Select(l => l.UserId).Distinct().ToList();
        var readers = await db.Users.AsNoTracking()
            .Where(u => readerIds.Contains(u.Id) && u.FamilyName != null && u.HomeAddress != null)
            .Select(u => new { u.Id, u.FamilyName, u.HomeAddress })
            .ToDictionaryAsync(u => u.Id, ct);

        var self = Messages.Privacy_Why_SelfLookUp;
        var relative = Messages.Privacy_Why_Relative;
        var colleague = Messages.Privacy_Why_Colleague;
        foreach (var first in lookUps.OrderBy(l => l.At).ThenBy(l => l.EntryId).DistinctBy(l => (l.UserId, l.PersonId)))
        {
            if (!persons.TryGetValue(first.PersonId, out var person))
            {
                continue;
            }

            var owners = person.Index is null ? [] : usersByIndex[person.Index].ToList();
            if (owners.Contains(first.UserId))
            {
                items.Add(Item(ReviewKind.SelfLookUp, first, self));
                continue;
            }

            if (owners.Count > 0)
            {
                items.Add(Item(ReviewKind.Colleague, first, colleague));
            }

            if (readers.TryGetValue(first.UserId, out var reader)
                && SameText(reader.FamilyName, person.FamilyName) && SameText(reader.HomeAddress, person.Address))
            {
                items.Add(Item(ReviewKind.Relative, first, relative));
            }
        }

        return items;

        static ReviewItem Item(ReviewKind kind, LookUp l, string why) => new(kind, l.UserId, l.DisplayName, l.UnitName, l.At, l.PersonId, why);
    }

    /// <summary>Equal ignoring case, surrounding space and runs of spaces ("Storgata  3" = "storgata 3").</summary>
    private static bool SameText(string? a, string? b) =>
        a is not null && b is not null
        && string.Equals(string.Join(' ', a.Split(' ', StringSplitOptions.RemoveEmptyEntries)), string.Join(' ', b.Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparison.OrdinalIgnoreCase);

    /// <summary>Before 07:00, from 18:00, or on a weekend, in Oslo local time.</summary>
    public static bool IsOutsideWorkingHours(DateTimeOffset osloLocal)
    {
        var time = TimeOnly.FromTimeSpan(osloLocal.TimeOfDay);
        return osloLocal.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || time < WorkStarts || time >= WorkEnds;
    }
}
