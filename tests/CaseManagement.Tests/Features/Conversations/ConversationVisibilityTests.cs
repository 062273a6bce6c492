using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Conversations;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Features.Conversations;

/// <summary>
/// Police-only: a municipal user sees nothing of the conversations without a disclosure, then exactly the disclosed
/// kinds; a referral discloses exactly what its basis covers and reaches the coordinator's inbox.
/// </summary>
public sealed class ConversationVisibilityTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<Guid> CoordinatorAsync(CaseHarness h) => h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_municipal_user_sees_nothing_without_a_disclosure_then_exactly_the_disclosed_kinds(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PoliceOfficerAsync();
        var coordinator = await CoordinatorAsync(h);
        var c = await h.OpenCaseAsync(officer);
        var conversation = await h.ConcludedConversationAsync(officer, c.FollowUpId);

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(coordinator, new GetFollowUp(c.FollowUpId)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(coordinator, new GetConversation(conversation)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(coordinator, new ListConversations(c.FollowUpId)));

        // The follow-up only: its summary, not the conversations.
        var consent = await h.ConsentAsync(c, DemoData.Slt, RecordKinds.FollowUp | RecordKinds.Conversations);
        var followUpOnly = await h.DiscloseAsync(c, DemoData.Slt, consent, RecordKinds.FollowUp);
        Assert.Equal(RecordKinds.FollowUp, (await h.SendAsync(coordinator, new GetFollowUp(c.FollowUpId))).VisibleKinds);
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(coordinator, new GetConversation(conversation)));
        Assert.Empty(await TimelineAsync(h, coordinator, c.PersonId));

        // Conversations disclosed too: readable, never writable.
        await h.SendAsync(officer, new Application.Features.Sharing.EndDisclosure(c.FollowUpId, followUpOnly));
        await h.DiscloseAsync(c, DemoData.Slt, consent, RecordKinds.FollowUp | RecordKinds.Conversations);
        var seen = await h.SendAsync(coordinator, new GetConversation(conversation));
        Assert.Equal(conversation, seen.Id);
        Assert.False(seen.CanWrite);
        Assert.Empty(seen.NextStates);
        Assert.Single((await h.SendAsync(coordinator, new ListConversations(c.FollowUpId))).ConcernOverTime);
        Assert.Contains(await TimelineAsync(h, coordinator, c.PersonId), e => e.SourceId == conversation && e.Kind == TimelineKind.Conversation);
        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await h.SendAsync(coordinator, new AddAgreement(conversation, "Avtale", AgreementResponsible.Person, h.Today.AddDays(7))));

        // A police officer of another station, not on the team, sees nothing.
        var otherOfficer = await h.PoliceOfficerAsync(AccessTestData.OtherPoliceUnit);
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(otherOfficer, new GetConversation(conversation)));
        Assert.DoesNotContain((await h.SendAsync(otherOfficer, new ListConversationWork(IncludeFinished: true, PageSize: 100))).Items, i => i.Id == conversation);
        Assert.Contains((await h.SendAsync(officer, new ListConversationWork(IncludeFinished: true, PageSize: 100))).Items, i => i.Id == conversation);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_referral_on_consent_discloses_exactly_what_the_consent_covers_and_waits_for_the_coordinator(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PoliceOfficerAsync();
        var coordinator = await CoordinatorAsync(h);
        var c = await h.OpenCaseAsync(officer);
        var conversation = await h.ConcludedConversationAsync(officer, c.FollowUpId);
        var consent = await h.ConsentAsync(c, DemoData.Slt, RecordKinds.FollowUp);

        var made = await h.SendAsync(officer, new ReferFromConversation(conversation, ReferralTarget.Mentor, DemoData.Slt, ConsentId: consent, Note: "Trenger en voksen å snakke med."));

        var disclosure = await h.WithDbAsync(db => db.Disclosures.AsNoTracking().SingleAsync(d => d.Id == made.DisclosureId, Ct));
        Assert.Equal((DemoData.Slt, RecordKinds.FollowUp, consent), (disclosure.ToUnitId, disclosure.RecordKinds, disclosure.ConsentId));
        Assert.Equal(RecordKinds.FollowUp, (await h.SendAsync(coordinator, new GetFollowUp(c.FollowUpId))).VisibleKinds);
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(coordinator, new GetConversation(conversation)));

        var waiting = Assert.Single((await h.SendAsync(coordinator, new ListWaitingReferrals())).Items, r => r.Id == made.Id);
        Assert.Equal(ReferralTarget.Mentor, waiting.Target);
        var due = await DueItemsAsync(h, coordinator);
        Assert.Contains(due, d => d.Kind == DueKind.ReferralWaiting && d.SourceId == made.Id && d.Link == ConversationLinks.Referrals);

        Assert.Equal(ReferralStatus.Accepted, (await h.SendAsync(coordinator, new DecideReferral(made.Id, true, "Mentor tildeles."))).Status);
        Assert.DoesNotContain((await h.SendAsync(coordinator, new ListWaitingReferrals())).Items, r => r.Id == made.Id);
        await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(coordinator, new DecideReferral(made.Id, false, "Nei.")));

        // Withdrawing the consent stops the coordinator's access at once.
        await h.SendAsync(officer, new Application.Features.Sharing.WithdrawConsent(c.FollowUpId, consent));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(coordinator, new GetFollowUp(c.FollowUpId)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_adults_referral_needs_the_persons_own_consent_and_a_legal_basis_discloses_the_follow_up_only(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(officer);
        var conversation = await h.ConcludedConversationAsync(officer, c.FollowUpId);
        // A guardian's consent recorded while the person was a minor (written directly: the use case refuses it for an adult).
        var guardianConsent = await h.WithDbAsync(async db =>
        {
            var consent = Consent.Record(
                Guid.CreateVersion7(), c.PersonId, c.FollowUpId, ConsentGiver.Guardian, "Mor", DemoData.Slt, RecordKinds.FollowUp | RecordKinds.Conversations,
                "Samarbeid", ConsentMethod.Written, false, h.Clock.GetUtcNow().AddDays(-1), null, officer, h.Clock.GetUtcNow().AddDays(-1));
            db.Consents.Add(consent);
            await db.SaveChangesAsync(Ct);
            return consent.Id;
        });

        var refused = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(officer, new ReferFromConversation(conversation, ReferralTarget.Nav, DemoData.Slt, ConsentId: guardianConsent)));
        Assert.Equal("ConsentId", refused.Field);
        var notCoordinator = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(officer, new ReferFromConversation(conversation, ReferralTarget.Nav, DemoData.Nav, LegalBasisCode: "prl-23")));
        Assert.Equal("ToUnitId", notCoordinator.Field);

        var made = await h.SendAsync(officer, new ReferFromConversation(conversation, ReferralTarget.FollowUpService, DemoData.Slt, LegalBasisCode: "prl-23"));
        var disclosure = await h.WithDbAsync(db => db.Disclosures.AsNoTracking().SingleAsync(d => d.Id == made.DisclosureId, Ct));
        Assert.Equal(RecordKinds.FollowUp, disclosure.RecordKinds);
        Assert.Null(disclosure.ConsentId);
        Assert.NotNull(disclosure.LegalBasisId);
    }

    private static async Task<IReadOnlyList<DueItem>> DueItemsAsync(CaseHarness h, Guid userId)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        var user = await UserContextLoader.LoadAsync(db, userId, Ct);
        var source = scope.ServiceProvider.GetServices<IDueItemSource>().OfType<ConversationDueItems>().Single();
        return await source.ForUserAsync(db, user!, h.Clock.GetUtcNow(), h.Today, Ct);
    }

    private static async Task<IReadOnlyList<TimelineEvent>> TimelineAsync(CaseHarness h, Guid userId, Guid personId)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        var user = (await UserContextLoader.LoadAsync(db, userId, Ct))!;
        var now = h.Clock.GetUtcNow();
        var followUps = await db.FollowUps.Where(f => f.PersonId == personId).Select(f => f.Id).ToListAsync(Ct);
        var grants = new List<Application.Access.AccessGrant>();
        foreach (var id in followUps)
        {
            if (await Application.Access.AccessDecision.DecideAsync(db, user, id, now, Ct) is { } grant)
            {
                grants.Add(grant);
            }
        }

        var source = scope.ServiceProvider.GetServices<ITimelineSource>().OfType<ConversationTimeline>().Single();
        return await source.ForPersonAsync(db, new TimelineScope(personId, user, now, grants), Ct);
    }
}
