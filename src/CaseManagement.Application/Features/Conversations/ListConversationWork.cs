using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>
/// The police work list: the conversations of the open follow-ups the user is on the team of (own agency), those
/// still in progress first, by date. Finished ones are included when asked.
/// </summary>
[Requires(Capability.HoldConversations)]
public sealed record ListConversationWork(bool IncludeFinished = false, int PageNumber = 1, int PageSize = 50)
    : IQuery<Page<ConversationWorkItem>>, IPagedQuery;

public sealed record ConversationWorkItem(
    Guid Id, Guid FollowUpId, Guid PersonId, string PersonName, ConversationKind Kind, ConversationState State, DateOnly Date);

internal sealed class ListConversationWorkValidator : AbstractValidator<ListConversationWork>
{
    public ListConversationWorkValidator() => this.AddPagingRules();
}

internal sealed class ListConversationWorkHandler(CaseDbContext db, CurrentUser currentUser, AccessLogger accessLog)
    : IQueryHandler<ListConversationWork, Page<ConversationWorkItem>>
{
    public async ValueTask<Page<ConversationWorkItem>> Handle(ListConversationWork query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var rows = ConversationWork.OnTeam(db, user);
        if (!query.IncludeFinished)
        {
            rows = rows.Where(r => r.c.State != ConversationState.Concluded && r.c.State != ConversationState.Cancelled && r.c.State != ConversationState.DidNotAttend);
        }

        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderBy(r => r.c.Date).ThenBy(r => r.c.Id)
            .Skip((query.PageNumber - 1) * query.PageSize).Take(query.PageSize)
            .Select(r => new ConversationWorkItem(r.c.Id, r.c.FollowUpId, r.PersonId, r.PersonName, r.c.Kind, r.c.State, r.c.Date))
            .ToListAsync(cancellationToken);
        await accessLog.RecordAsync(page.Select(i => new AccessRecord(i.PersonId, i.FollowUpId, "ConversationList", AccessPurpose.NormalWork)).ToList(), cancellationToken);
        return new Page<ConversationWorkItem>(page, query.PageNumber, query.PageSize, total);
    }
}

/// <summary>Conversations of open follow-ups where the user is on the team inside the owning agency (the team ground of AccessDecision).</summary>
internal static class ConversationWork
{
    public sealed record Row(Conversation c, Guid PersonId, string PersonName);

    public static IQueryable<Row> OnTeam(CaseDbContext db, UserContext user)
    {
        var userId = user.UserId;
        var agencyId = user.AgencyId;
        return from c in db.Conversations.AsNoTracking()
               join f in db.FollowUps on c.FollowUpId equals f.Id
               join p in db.Persons on f.PersonId equals p.Id
               where f.Status == FollowUpStatus.Open && f.AgencyId == agencyId && f.Team.Any(m => m.UserId == userId)
               select new Row(c, p.Id, p.GivenName + " " + p.FamilyName);
    }
}
