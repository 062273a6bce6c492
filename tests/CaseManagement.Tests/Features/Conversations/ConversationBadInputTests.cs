using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Conversations;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Conversations;

/// <summary>The bad input: each refused with a message naming the field, and nothing stored.</summary>
public sealed class ConversationBadInputTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Counts(int Conversations, int Agreements, int Referrals, int Disclosures, long AuditEvents);

    private static Task<Counts> CountsAsync(CaseHarness h, Guid followUpId) => h.WithDbAsync(async db => new Counts(
        await db.Conversations.CountAsync(c => c.FollowUpId == followUpId, Ct),
        await db.Agreements.CountAsync(a => a.FollowUpId == followUpId, Ct),
        await db.Referrals.CountAsync(r => r.FollowUpId == followUpId, Ct),
        await db.Disclosures.CountAsync(d => d.FollowUpId == followUpId, Ct),
        await db.AuditEvents.LongCountAsync(Ct)));

    private static async Task<string> RefusedFieldAsync(Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (RuleViolationException ex)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            return ex.Field;
        }
        catch (ValidationException ex)
        {
            var error = Assert.Single(ex.Errors);
            Assert.False(string.IsNullOrWhiteSpace(error.ErrorMessage));
            return error.PropertyName;
        }

        Assert.Fail("The input was accepted.");
        return "";
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_impossible_transition_names_both_states_and_the_allowed_next_steps(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(officer);
        var id = (await h.SendAsync(officer, new RegisterConversation(c.FollowUpId, ConversationKind.Concern, h.Today, ConcernSource.Online, "Bekymring."))).Id;
        var version = await h.ConversationVersionAsync(id);
        var before = await CountsAsync(h, c.FollowUpId);

        var ex = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(officer, new MoveConversation(id, version, ConversationState.Held)));

        Assert.Equal("Target", ex.Field);
        Assert.Contains("«registrert»", ex.Message, StringComparison.Ordinal);
        Assert.Contains("«gjennomført»", ex.Message, StringComparison.Ordinal);
        Assert.Contains("vurdert, avlyst", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ConversationState.Registered, await h.StateAsync(id));
        Assert.Equal(before, await CountsAsync(h, c.FollowUpId));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Each_bad_input_names_its_field_and_stores_nothing(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PoliceOfficerAsync();
        var adult = await h.OpenCaseAsync(officer);
        var minor = await h.OpenCaseAsync(officer, new DateOnly(2012, 3, 9));
        var prepared = await h.PreparedConversationAsync(officer, adult.FollowUpId, h.Today.AddDays(3));
        var held = await h.ConcludedConversationAsync(officer, adult.FollowUpId);
        var minorConversation = (await h.SendAsync(officer, new RegisterConversation(minor.FollowUpId, ConversationKind.Concern, h.Today, ConcernSource.School, "Bekymring."))).Id;
        await h.SendAsync(officer, new MoveConversation(minorConversation, await h.ConversationVersionAsync(minorConversation), ConversationState.Assessed));
        var adultBefore = await CountsAsync(h, adult.FollowUpId);
        var minorBefore = await CountsAsync(h, minor.FollowUpId);

        // A held conversation dated in the future.
        Assert.Equal("Date", await RefusedFieldAsync(async () =>
            await h.SendAsync(officer, new MoveConversation(prepared, await h.ConversationVersionAsync(prepared), ConversationState.Held))));
        // A minor without guardians and without a reason.
        Assert.Equal("GuardiansOmittedReason", await RefusedFieldAsync(async () =>
            await h.SendAsync(officer, new SaveConversationPreparation(
                minorConversation, await h.ConversationVersionAsync(minorConversation), h.Today, AttendanceTrack.Voluntary, false,
                [new ParticipantInput("Ola", ParticipantCapacity.Person)]))));
        // An ordered conversation for an adult.
        var adultAssessed = (await h.SendAsync(officer, new RegisterConversation(adult.FollowUpId, ConversationKind.Clarification, h.Today, ConcernSource.Online, "Avklaring."))).Id;
        await h.SendAsync(officer, new MoveConversation(adultAssessed, await h.ConversationVersionAsync(adultAssessed), ConversationState.Assessed));
        adultBefore = await CountsAsync(h, adult.FollowUpId);
        Assert.Equal("Track", await RefusedFieldAsync(async () =>
            await h.SendAsync(officer, new MoveConversation(adultAssessed, await h.ConversationVersionAsync(adultAssessed), ConversationState.Ordered))));
        // An agreement without a responsible party, and without a review date.
        Assert.Equal("Responsible", await RefusedFieldAsync(async () =>
            await h.SendAsync(officer, new AddAgreement(held, "Møter på skolen.", null, h.Today.AddDays(7)))));
        Assert.Equal("ReviewOn", await RefusedFieldAsync(async () =>
            await h.SendAsync(officer, new AddAgreement(held, "Møter på skolen.", AgreementResponsible.Person, null))));
        // A referral without a basis.
        Assert.Equal("ConsentId", await RefusedFieldAsync(async () =>
            await h.SendAsync(officer, new ReferFromConversation(held, ReferralTarget.Mentor, DemoData.Slt))));
        // A life-area rating outside 0–3.
        Assert.Equal("LifeAreas", await RefusedFieldAsync(async () =>
            await h.SendAsync(officer, new SaveConversationRecord(prepared, await h.ConversationVersionAsync(prepared), h.Today, true, true, true,
                [new LifeAreaInput(LifeArea.Online, 7, 0)]))));

        Assert.Equal(adultBefore, await CountsAsync(h, adult.FollowUpId));
        Assert.Equal(minorBefore.Conversations, (await CountsAsync(h, minor.FollowUpId)).Conversations);
        Assert.Equal(ConversationState.Prepared, await h.StateAsync(prepared));
        Assert.Equal(ConversationState.Assessed, await h.StateAsync(adultAssessed));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_stale_version_is_a_conflict_and_the_newer_input_stays(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(officer);
        var id = (await h.SendAsync(officer, new RegisterConversation(c.FollowUpId, ConversationKind.Concern, h.Today, ConcernSource.Online, "Bekymring."))).Id;
        var stale = await h.ConversationVersionAsync(id);
        await h.SendAsync(officer, new MoveConversation(id, stale, ConversationState.Assessed));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await h.SendAsync(officer, new MoveConversation(id, stale, ConversationState.Cancelled)));

        Assert.Equal(ConversationState.Assessed, await h.StateAsync(id));
    }
}
