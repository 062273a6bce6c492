using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>Referrals waiting for the user's unit (the prevention coordinator's inbox), oldest first.</summary>
[Requires(Capability.HandleReferrals)]
public sealed record ListWaitingReferrals(int PageNumber = 1, int PageSize = 50) : IQuery<Page<WaitingReferral>>, IPagedQuery;

public sealed record WaitingReferral(Guid Id, Guid FollowUpId, Guid PersonId, string PersonName, ReferralTarget Target, DateTimeOffset CreatedAt, bool OnConsent);

internal sealed class ListWaitingReferralsValidator : AbstractValidator<ListWaitingReferrals>
{
    public ListWaitingReferralsValidator() => this.AddPagingRules();
}

internal sealed class ListWaitingReferralsHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<ListWaitingReferrals, Page<WaitingReferral>>
{
    public async ValueTask<Page<WaitingReferral>> Handle(ListWaitingReferrals query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var rows =
            from r in AccessDecision.ReferralsForRecipient(db, user, clock.GetUtcNow()).AsNoTracking()
            join f in db.FollowUps on r.FollowUpId equals f.Id
            join p in db.Persons on f.PersonId equals p.Id
            where r.Status == ReferralStatus.Waiting
            select new { r, PersonId = p.Id, PersonName = p.GivenName + " " + p.FamilyName };
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderBy(x => x.r.CreatedAt).ThenBy(x => x.r.Id)
            .TakePage(query)
            .Select(x => new WaitingReferral(x.r.Id, x.r.FollowUpId, x.PersonId, x.PersonName, x.r.Target, x.r.CreatedAt, x.r.ConsentId != null))
            .ToListAsync(cancellationToken);
        await accessLog.RecordAsync(page.Select(i => new AccessRecord(i.PersonId, i.FollowUpId, "ReferralList", AccessPurpose.Disclosure)).ToList(), cancellationToken);
        return new Page<WaitingReferral>(page, query.PageNumber, query.PageSize, total);
    }
}
