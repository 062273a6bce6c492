using CaseManagement.Application.Access;
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
        var conversations = ConversationWork.OnTeam(db, user);
        if (!query.IncludeFinished)
        {
            conversations = conversations.Where(c => c.State != ConversationState.Concluded && c.State != ConversationState.Cancelled && c.State != ConversationState.DidNotAttend);
        }

        var rows =
            from c in conversations
            join f in db.FollowUps on c.FollowUpId equals f.Id
            join p in db.Persons on f.PersonId equals p.Id
            select new { c.Id, c.FollowUpId, PersonId = p.Id, PersonName = p.GivenName + " " + p.FamilyName, c.Kind, c.State, c.Date };
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderBy(r => r.Date).ThenBy(r => r.Id)
            .TakePage(query)
            .Select(r => new ConversationWorkItem(r.Id, r.FollowUpId, r.PersonId, r.PersonName, r.Kind, r.State, r.Date))
            .ToListAsync(cancellationToken);
        await accessLog.RecordAsync(page.Select(i => new AccessRecord(i.PersonId, i.FollowUpId, "ConversationList", AccessPurpose.NormalWork)).ToList(), cancellationToken);
        return new Page<ConversationWorkItem>(page, query.PageNumber, query.PageSize, total);
    }
}

/// <summary>Conversations of open follow-ups where the user is on the team inside the owning agency (the team ground of AccessDecision).</summary>
internal static class ConversationWork
{
    public static IQueryable<Conversation> OnTeam(CaseDbContext db, UserContext user)
    {
        var followUps = AccessDecision.TeamFollowUps(db, user).Where(f => f.Status == FollowUpStatus.Open).Select(f => f.Id);
        return db.Conversations.AsNoTracking().Where(c => followUps.Contains(c.FollowUpId));
    }
}
