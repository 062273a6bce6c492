using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Conversations;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Conversations;

/// <summary>Conversations set up for tests: through the use cases where the flow matters, straight into the database where only a state is needed.</summary>
public static class ConversationTestData
{
    /// <summary>A conversation in <paramref name="state"/>, written directly (no flow checks): for tests that need a starting point.</summary>
    public static Task<(Guid Id, string Version)> InsertConversationAsync(
        this CaseHarness h, Guid followUpId, Guid registeredBy, ConversationState state, DateOnly? date = null, bool withConclusion = false) =>
        h.WithDbAsync(async db =>
        {
            var c = Conversation.Register(
                Guid.CreateVersion7(), followUpId, ConversationKind.Concern, null, date ?? h.Today, ConcernSource.School,
                "Bekymring meldt av skolen.", registeredBy, h.Clock.GetUtcNow());
            if (withConclusion)
            {
                c.SetConclusion(ConcernLevel.Moderate, ConversationConclusion.ContinuedFollowUp, null);
            }

            c.MoveTo(state, h.Clock.GetUtcNow());
            db.Conversations.Add(c);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return (c.Id, ConcurrencyTokens.Read(db.Entry(c)));
        });

    /// <summary>An active agreement on a conversation, written directly.</summary>
    public static Task<(Guid Id, string Version)> InsertAgreementAsync(this CaseHarness h, Guid conversationId, Guid followUpId, Guid by, DateOnly reviewOn) =>
        h.WithDbAsync(async db =>
        {
            var a = Agreement.Make(Guid.CreateVersion7(), conversationId, followUpId, "Møte på skolen hver dag.", AgreementResponsible.Person, null, reviewOn, by, h.Clock.GetUtcNow());
            db.Agreements.Add(a);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return (a.Id, ConcurrencyTokens.Read(db.Entry(a)));
        });

    public static Task<string> ConversationVersionAsync(this CaseHarness h, Guid conversationId) =>
        h.WithDbAsync(async db => ConcurrencyTokens.Read(db.Entry(await db.Conversations.SingleAsync(c => c.Id == conversationId, TestContext.Current.CancellationToken))));

    public static Task<ConversationState> StateAsync(this CaseHarness h, Guid conversationId) =>
        h.WithDbAsync(db => db.Conversations.Where(c => c.Id == conversationId).Select(c => c.State).SingleAsync(TestContext.Current.CancellationToken));

    /// <summary>Walks a new conversation through the use cases to "prepared" (voluntary), as <paramref name="user"/>.</summary>
    public static async Task<Guid> PreparedConversationAsync(
        this CaseHarness h, Guid user, Guid followUpId, DateOnly date, bool guardiansInvited = false, string? omittedReason = null,
        IReadOnlyList<ParticipantInput>? participants = null)
    {
        var id = (await h.SendAsync(user, new RegisterConversation(followUpId, ConversationKind.Concern, date, ConcernSource.School, "Bekymring fra skolen."))).Id;
        await h.SendAsync(user, new MoveConversation(id, await h.ConversationVersionAsync(id), ConversationState.Assessed));
        await h.SendAsync(user, new SaveConversationPreparation(
            id, await h.ConversationVersionAsync(id), date, AttendanceTrack.Voluntary, guardiansInvited,
            participants ?? [new ParticipantInput("Ola Nordmann", ParticipantCapacity.Person)], GuardiansOmittedReason: omittedReason));
        await h.SendAsync(user, new MoveConversation(id, await h.ConversationVersionAsync(id), ConversationState.Invited));
        await h.SendAsync(user, new MoveConversation(id, await h.ConversationVersionAsync(id), ConversationState.Prepared));
        return id;
    }

    /// <summary>Prepared, held (dated today) and concluded.</summary>
    public static async Task<Guid> ConcludedConversationAsync(this CaseHarness h, Guid user, Guid followUpId)
    {
        var id = await h.PreparedConversationAsync(user, followUpId, h.Today);
        await h.SendAsync(user, new MoveConversation(id, await h.ConversationVersionAsync(id), ConversationState.Held));
        await h.SendAsync(user, new SaveConversationRecord(
            id, await h.ConversationVersionAsync(id), h.Today, true, true, true,
            [new LifeAreaInput(LifeArea.Online, 3, 1, "Mye tid på lukkede forum."), new LifeAreaInput(LifeArea.Family, 1, 3, null)],
            PersonAccount: "Sier han bare er nysgjerrig."));
        await h.SendAsync(user, new SaveConversationConclusion(id, await h.ConversationVersionAsync(id), ConcernLevel.Moderate, ConversationConclusion.Referral, "Henvises til mentor."));
        await h.SendAsync(user, new MoveConversation(id, await h.ConversationVersionAsync(id), ConversationState.Concluded));
        return id;
    }
}
