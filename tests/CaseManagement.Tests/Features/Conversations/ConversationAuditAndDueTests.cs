using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Conversations;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Features.Conversations;

/// <summary>Every edit of a conversation, agreement and referral is in the field-level audit (notes encrypted); and what falls due.</summary>
public sealed class ConversationAuditAndDueTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HashSet<Guid>> LastSequenceAsync(CaseHarness h) => Auditing.AuditTestSupport.AuditMarkAsync(h);

    private static Task<List<AuditEvent>> EventsAfterAsync(CaseHarness h, HashSet<Guid> mark) => Auditing.AuditTestSupport.AuditSinceAsync(h, mark);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_edit_is_audited_by_message_with_its_fields_and_notes_encrypted(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(officer);
        var last = await LastSequenceAsync(h);

        var conversation = await h.ConcludedConversationAsync(officer, c.FollowUpId);
        var agreement = (await h.SendAsync(officer, new AddAgreement(conversation, "Møter på skolen hver dag.", AgreementResponsible.Person, h.Today.AddDays(14)))).Id;
        var version = await h.WithDbAsync(async db => ConcurrencyTokens.Read(db.Entry(await db.Agreements.SingleAsync(a => a.Id == agreement, Ct))));
        await h.SendAsync(officer, new ReviewAgreement(agreement, version, AgreementStatus.Active, "Har møtt hver dag.", h.Today.AddDays(30)));

        var events = await EventsAfterAsync(h, last);
        var byMessage = events.GroupBy(e => e.MessageName).ToDictionary(g => g.Key, g => g.SelectMany(e => e.Changes).ToList());
        Assert.Superset(
            new HashSet<string> { "RegisterConversation", "MoveConversation", "SaveConversationPreparation", "SaveConversationRecord", "SaveConversationConclusion", "AddAgreement", "ReviewAgreement" },
            byMessage.Keys.ToHashSet());
        Assert.All(events, e => Assert.Equal(officer, e.UserId));

        var registered = byMessage["RegisterConversation"];
        var description = Assert.Single(registered, ch => ch.EntityType == nameof(Conversation) && ch.Field == nameof(Conversation.ConcernDescription));
        Assert.True(description.IsEncrypted);
        Assert.DoesNotContain("skolen", description.NewValue!, StringComparison.Ordinal);
        Assert.Equal(c.PersonId, description.PersonId);

        var record = byMessage["SaveConversationRecord"];
        Assert.Contains(record, ch => ch.EntityType == nameof(LifeAreaAssessment) && ch.Field == nameof(LifeAreaAssessment.Risk) && ch.NewValue == "3");
        Assert.Contains(record, ch => ch.EntityType == nameof(Conversation) && ch.Field == nameof(Conversation.PersonAccount) && ch.IsEncrypted);
        Assert.Contains(byMessage["MoveConversation"], ch => ch.Field == nameof(Conversation.State) && ch.OldValue == "Held" && ch.NewValue == "Concluded");
        Assert.Contains(byMessage["SaveConversationConclusion"], ch => ch.Field == nameof(Conversation.ConcernLevel) && ch.NewValue == "Moderate");
        Assert.Contains(byMessage["AddAgreement"], ch => ch.EntityType == nameof(Agreement) && ch.Field == nameof(Agreement.Text) && ch.IsEncrypted);
        var review = byMessage["ReviewAgreement"];
        Assert.Contains(review, ch => ch.EntityType == nameof(AgreementReview) && ch.Field == nameof(AgreementReview.Note) && ch.IsEncrypted);
        Assert.Contains(review, ch => ch.EntityType == nameof(Agreement) && ch.Field == nameof(Agreement.ReviewOn) && ch.Operation == AuditOperation.Update);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Follow_up_conversations_and_agreement_reviews_fall_due_for_the_team_only(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PoliceOfficerAsync();
        var colleague = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(officer);
        var first = await h.ConcludedConversationAsync(officer, c.FollowUpId);
        var soon = (await h.SendAsync(officer, new RegisterConversation(c.FollowUpId, ConversationKind.FollowUp, h.Today.AddDays(10), ConcernSource.School, "Oppfølging.", first))).Id;
        var later = (await h.SendAsync(officer, new RegisterConversation(c.FollowUpId, ConversationKind.FollowUp, h.Today.AddDays(60), ConcernSource.School, "Senere.", first))).Id;
        var (overdue, _) = await h.InsertAgreementAsync(first, c.FollowUpId, officer, h.Today.AddDays(-2));
        var (today, _) = await h.InsertAgreementAsync(first, c.FollowUpId, officer, h.Today);

        var items = await DueItemsAsync(h, officer);

        var conversationItem = Assert.Single(items, i => i.Kind == DueKind.FollowUpConversation && i.FollowUpId == c.FollowUpId);
        Assert.Equal((soon, DueSeverity.Upcoming, ConversationLinks.Conversation(soon)), (conversationItem.SourceId, conversationItem.Severity, conversationItem.Link));
        Assert.Contains("Oppfølgingssamtale", conversationItem.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(items, i => i.SourceId == later);
        Assert.Equal(DueSeverity.Overdue, Assert.Single(items, i => i.SourceId == overdue).Severity);
        Assert.Equal(DueSeverity.Due, Assert.Single(items, i => i.SourceId == today).Severity);
        Assert.Empty(await DueItemsAsync(h, colleague));
    }

    private static async Task<IReadOnlyList<DueItem>> DueItemsAsync(CaseHarness h, Guid userId)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        var user = (await UserContextLoader.LoadAsync(db, userId, Ct))!;
        var source = scope.ServiceProvider.GetServices<IDueItemSource>().OfType<ConversationDueItems>().Single();
        return await source.ForUserAsync(db, user, h.Clock.GetUtcNow(), h.Today, Ct);
    }
}
