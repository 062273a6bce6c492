using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.FollowUps;

/// <summary>The follow-ups the user can reach now (team, disclosure, emergency), a page at a time.</summary>
[Requires(Capability.ReadFollowUps)]
public sealed record ListFollowUps(FollowUpStatus? Status = null, Guid? PersonId = null, int PageNumber = 1, int PageSize = 20)
    : IQuery<Page<FollowUpSummary>>, IPagedQuery;

public sealed record FollowUpSummary(Guid Id, Guid PersonId, string PersonName, FollowUpStatus Status, ConcernSource ConcernSource, DateTimeOffset OpenedAt, bool IsTeamMember);

internal sealed class ListFollowUpsValidator : AbstractValidator<ListFollowUps>
{
    public ListFollowUpsValidator()
    {
        RuleFor(x => x.Status).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        this.AddPagingRules();
    }
}

internal sealed class ListFollowUpsHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<ListFollowUps, Page<FollowUpSummary>>
{
    public async ValueTask<Page<FollowUpSummary>> Handle(ListFollowUps query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var followUps = db.ReachableFollowUps(user, clock.GetUtcNow()).AsNoTracking();
        if (query.Status is not null)
        {
            followUps = followUps.Where(f => f.Status == query.Status);
        }

        if (query.PersonId is not null)
        {
            followUps = followUps.Where(f => f.PersonId == query.PersonId);
        }

        var rows =
            from f in followUps
            join p in db.Persons on f.PersonId equals p.Id
            select new { f, p.GivenName, p.FamilyName };
        var total = await rows.CountAsync(cancellationToken);
        var userId = user.UserId;
        var page = await rows
            .OrderByDescending(r => r.f.OpenedAt).ThenBy(r => r.f.Id)
            .TakePage(query)
            .Select(r => new FollowUpSummary(
                r.f.Id, r.f.PersonId, r.GivenName + " " + r.FamilyName, r.f.Status, r.f.ConcernSource, r.f.OpenedAt,
                r.f.Team.Any(m => m.UserId == userId)))
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var emergency = await AccessDecision.ActiveEmergencyGrants(db, user, now).AsNoTracking().Select(e => e.FollowUpId).ToListAsync(cancellationToken);
        await accessLog.RecordAsync(page.Select(f => new AccessRecord(
            f.PersonId, f.Id, "FollowUpList",
            f.IsTeamMember ? AccessPurpose.NormalWork : emergency.Contains(f.Id) ? AccessPurpose.EmergencyAccess : AccessPurpose.Disclosure)).ToList(), cancellationToken);
        return new Page<FollowUpSummary>(page, query.PageNumber, query.PageSize, total);
    }
}
