using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>Loading for a change, and the messages of the conversation rules. Access itself is AccessDecision's.</summary>
internal static class ConversationWrites
{
    /// <summary>The follow-up for a new conversation: the user writes its Conversations section, and it is open.</summary>
    public static async Task<(AccessGrant Grant, DateOnly DateOfBirth)> FollowUpAsync(
        CaseDbContext db, UserContext user, Guid followUpId, string messageName, DateTimeOffset now, CancellationToken ct, bool lead = false)
    {
        var grant = await AccessDecision.RequireAsync(db, user, followUpId, RecordKinds.Conversations, now, ct, write: true, lead: lead, messageName: messageName);
        var status = await db.FollowUps.Where(f => f.Id == grant.FollowUpId).Select(f => f.Status).SingleAsync(ct);
        if (status == FollowUpStatus.Closed)
        {
            throw new RuleViolationException("FollowUpId", Messages.FollowUp_Closed);
        }

        var born = await db.Persons.Where(p => p.Id == grant.PersonId).Select(p => p.DateOfBirth).SingleAsync(ct);
        return (grant, born);
    }

    /// <summary>A conversation, tracked with its parts, for a change by a writer of its follow-up's Conversations section.</summary>
    public static async Task<(Conversation Conversation, AccessGrant Grant, DateOnly DateOfBirth)> LoadAsync(
        CaseDbContext db, UserContext user, Guid conversationId, string messageName, DateTimeOffset now, CancellationToken ct, bool lead = false)
    {
        var followUpId = await db.Conversations.Where(c => c.Id == conversationId).Select(c => (Guid?)c.FollowUpId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Conversation");
        var (grant, born) = await FollowUpAsync(db, user, followUpId, messageName, now, ct, lead);

        var conversation = await db.Conversations.Include(c => c.Participants).Include(c => c.Assessments)
            .SingleAsync(c => c.Id == conversationId, ct);
        return (conversation, grant, born);
    }

    /// <summary>Edits of content stop once the conversation is concluded, cancelled or not attended.</summary>
    public static void RequireUnfinished(Conversation conversation)
    {
        if (conversation.IsFinished)
        {
            throw new RuleViolationException("State", ConversationWrites.Format(Messages.Conv_Finished, StateText(conversation.State)));
        }
    }

    public static void Throw(FlowRefusal refusal, Conversation? conversation = null, ConversationState? target = null)
    {
        switch (refusal)
        {
            case FlowRefusal.None:
                return;
            case FlowRefusal.NotAllowedFromState:
                var next = ConversationFlow.Next(conversation!.State);
                var allowed = next.Count == 0 ? Messages.Conv_NoNextState : string.Join(", ", next.Select(StateText));
                throw new RuleViolationException("Target", ConversationWrites.Format(Messages.Conv_TransitionNotAllowed, StateText(conversation.State), StateText(target!.Value), allowed));
            case FlowRefusal.OrderedForAdult:
                throw new RuleViolationException("Track", Messages.Conv_OrderedForAdult);
            case FlowRefusal.OrderedWithoutSuspicion:
                throw new RuleViolationException("SuspicionNote", Messages.Conv_OrderedWithoutSuspicion);
            case FlowRefusal.GuardiansOmittedWithoutReason:
                throw new RuleViolationException("GuardiansOmittedReason", Messages.Conv_GuardiansOmittedWithoutReason);
            case FlowRefusal.GuardiansForAdult:
                throw new RuleViolationException("GuardiansInvited", Messages.Conv_GuardiansForAdult);
            case FlowRefusal.HeldInFuture:
                throw new RuleViolationException("Date", Messages.Conv_HeldInFuture);
            case FlowRefusal.ConclusionMissing:
                throw new RuleViolationException("Conclusion", Messages.Conv_ConclusionMissing);
        }
    }

    public static string StateText(ConversationState state) =>
        Messages.ResourceManager.GetString("Conv_State_" + state, System.Globalization.CultureInfo.CurrentUICulture) ?? state.ToString();

    /// <summary>Fills a resource template in the user's culture.</summary>
    public static string Format(string template, params object[] args) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, template, args);
}
