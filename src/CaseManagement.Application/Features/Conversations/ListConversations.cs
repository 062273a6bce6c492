using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>
/// The Conversations section of a follow-up: every conversation, every agreement, and the concern over time (the
/// concern level and the life-area ratings of each held conversation, oldest first).
/// </summary>
[Requires(Capability.ReadFollowUps)]
public sealed record ListConversations(Guid FollowUpId) : IQuery<ConversationsOverview>;

public sealed record ConversationSummary(
    Guid Id, ConversationKind Kind, ConversationState State, DateOnly Date, ConcernLevel? ConcernLevel, ConversationConclusion? Conclusion,
    Guid? PreviousConversationId);

/// <summary>One point of the concern chart: a held conversation's concern level and its life-area ratings.</summary>
public sealed record ConcernPoint(Guid ConversationId, DateOnly Date, ConcernLevel? ConcernLevel, IReadOnlyList<LifeAreaView> LifeAreas);

public sealed record ConversationsOverview(
    Guid FollowUpId,
    IReadOnlyList<ConversationSummary> Conversations,
    IReadOnlyList<AgreementView> Agreements,
    IReadOnlyList<ConcernPoint> ConcernOverTime,
    bool CanWrite,
    bool IsLead);

internal sealed class ListConversationsValidator : AbstractValidator<ListConversations>
{
    public ListConversationsValidator() => RuleFor(x => x.FollowUpId).NotEmpty();
}

internal sealed class ListConversationsHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<ListConversations, ConversationsOverview>
{
    public async ValueTask<ConversationsOverview> Handle(ListConversations query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var grant = await AccessDecision.RequireAsync(db, user, query.FollowUpId, RecordKinds.Conversations, now, cancellationToken);
        await accessLog.RecordAsync(new AccessRecord(grant.PersonId, grant.FollowUpId, "Conversations", AccessDecision.PurposeOf(grant.Basis)), cancellationToken);

        var conversations = await db.Conversations.AsNoTracking().Include(c => c.Assessments)
            .Where(c => c.FollowUpId == grant.FollowUpId)
            .ToListAsync(cancellationToken);
        conversations = conversations.OrderBy(c => c.Date).ThenBy(c => c.RegisteredAt).ToList();
        var agreements = await ConversationReads.AgreementsAsync(db, a => a.FollowUpId == grant.FollowUpId, cancellationToken);
        var points = conversations
            .Where(c => c.State is ConversationState.Held or ConversationState.Concluded)
            .Select(c => new ConcernPoint(c.Id, c.Date, c.ConcernLevel,
                c.Assessments.OrderBy(a => a.Area).Select(a => new LifeAreaView(a.Area, a.Risk, a.Protective, a.Note)).ToList()))
            .ToList();
        var open = await db.FollowUps.Where(f => f.Id == grant.FollowUpId).Select(f => f.Status == FollowUpStatus.Open).SingleAsync(cancellationToken);
        return new ConversationsOverview(
            grant.FollowUpId,
            conversations.Select(c => new ConversationSummary(c.Id, c.Kind, c.State, c.Date, c.ConcernLevel, c.Conclusion, c.PreviousConversationId)).ToList(),
            agreements, points, grant.CanWrite && open && user.Can(Capability.HoldConversations), grant.IsLead);
    }
}
