using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Conversations;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;

namespace CaseManagement.Tests.Features.Conversations;

/// <summary>
/// The age rules decide at the date of the conversation: 17 years and 364 days is a minor, 18 years on the day is an
/// adult (tiltak 12), and a person who turns 18 between two conversations is a minor in the first and an adult in the second.
/// </summary>
public sealed class ConversationAgeTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static async Task<(CaseHarness H, Guid Officer, OpenCase Case)> CaseAsync(HarnessFixture fixture, DatabaseProvider provider, DateOnly born)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PoliceOfficerAsync();
        return (h, officer, await h.OpenCaseAsync(officer, born));
    }

    private static async Task<Guid> AssessedAsync(CaseHarness h, Guid officer, Guid followUpId, DateOnly date)
    {
        var id = (await h.SendAsync(officer, new RegisterConversation(followUpId, ConversationKind.Concern, date, ConcernSource.School, "Bekymring fra skolen."))).Id;
        await h.SendAsync(officer, new MoveConversation(id, await h.ConversationVersionAsync(id), ConversationState.Assessed));
        return id;
    }

    private static SaveConversationPreparation Preparation(Guid id, string version, DateOnly date, AttendanceTrack track = AttendanceTrack.Voluntary,
        bool guardians = false, string? reason = null, string? suspicion = null, bool guardianParticipant = false) =>
        new(id, version, date, track, guardians,
            guardianParticipant
                ? [new ParticipantInput("Ola", ParticipantCapacity.Person), new ParticipantInput("Kari (mor)", ParticipantCapacity.Guardian)]
                : [new ParticipantInput("Ola", ParticipantCapacity.Person)],
            SuspicionNote: suspicion, GuardiansOmittedReason: reason);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task At_17_years_and_364_days_guardians_are_required_and_ordered_attendance_is_possible(DatabaseProvider provider)
    {
        var (h, officer, c) = await CaseAsync(fixture, provider, DateOnly.FromDateTime(new DateTime(2026, 11, 25)).AddYears(-18).AddDays(1));
        var id = await AssessedAsync(h, officer, c.FollowUpId, h.Today);
        Assert.Equal(17, CaseManagement.Domain.Persons.Age.At(DateOnly.FromDateTime(new DateTime(2026, 11, 25)).AddYears(-18).AddDays(1), h.Today));

        var refused = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(officer, Preparation(id, await h.ConversationVersionAsync(id), h.Today)));
        Assert.Equal("GuardiansOmittedReason", refused.Field);

        await h.SendAsync(officer, Preparation(id, await h.ConversationVersionAsync(id), h.Today, AttendanceTrack.Ordered, guardians: true, suspicion: "Mistenkt for trusler på nett."));
        await h.SendAsync(officer, new MoveConversation(id, await h.ConversationVersionAsync(id), ConversationState.Ordered));
        Assert.Equal(ConversationState.Ordered, await h.StateAsync(id));

        // A recorded reason is the other way to leave guardians out.
        var second = await AssessedAsync(h, officer, c.FollowUpId, h.Today);
        await h.SendAsync(officer, Preparation(second, await h.ConversationVersionAsync(second), h.Today, reason: "Mor er anmeldt for vold mot gutten."));
        await h.SendAsync(officer, new MoveConversation(second, await h.ConversationVersionAsync(second), ConversationState.Invited));
        Assert.Equal(ConversationState.Invited, await h.StateAsync(second));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task At_18_years_on_the_day_there_are_no_guardians_and_attendance_is_voluntary(DatabaseProvider provider)
    {
        var (h, officer, c) = await CaseAsync(fixture, provider, new DateOnly(2008, 11, 25));
        var id = await AssessedAsync(h, officer, c.FollowUpId, h.Today);
        var version = await h.ConversationVersionAsync(id);

        var ordered = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(officer, Preparation(id, version, h.Today, AttendanceTrack.Ordered, suspicion: "Mistanke")));
        Assert.Equal("Track", ordered.Field);
        var guardians = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(officer, Preparation(id, version, h.Today, guardianParticipant: true)));
        Assert.Equal("GuardiansInvited", guardians.Field);
        var move = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(officer, new MoveConversation(id, version, ConversationState.Ordered)));
        Assert.Equal("Track", move.Field);

        // Without guardians and without a reason: fine for an adult.
        await h.SendAsync(officer, Preparation(id, version, h.Today));
        await h.SendAsync(officer, new MoveConversation(id, await h.ConversationVersionAsync(id), ConversationState.Invited));
        Assert.Equal(ConversationState.Invited, await h.StateAsync(id));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_person_who_turns_18_between_two_conversations_is_a_minor_in_the_first_and_an_adult_in_the_second(DatabaseProvider provider)
    {
        var born = new DateOnly(2008, 12, 1);
        var (h, officer, c) = await CaseAsync(fixture, provider, born);
        var first = await h.PreparedConversationAsync(officer, c.FollowUpId, h.Today, guardiansInvited: true,
            participants: [new ParticipantInput("Ola", ParticipantCapacity.Person), new ParticipantInput("Kari (mor)", ParticipantCapacity.Guardian)]);
        var view = await h.SendAsync(officer, new GetConversation(first));
        Assert.True(view.MinorOnDate);

        var afterBirthday = new DateOnly(2026, 12, 10);
        var second = (await h.SendAsync(officer, new RegisterConversation(c.FollowUpId, ConversationKind.FollowUp, afterBirthday, ConcernSource.School, "Oppfølging.", first))).Id;
        await h.SendAsync(officer, new MoveConversation(second, await h.ConversationVersionAsync(second), ConversationState.Assessed));
        var refused = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(officer, Preparation(second, await h.ConversationVersionAsync(second), afterBirthday, guardians: true)));
        Assert.Equal("GuardiansInvited", refused.Field);
        Assert.False((await h.SendAsync(officer, new GetConversation(second))).MinorOnDate);

        // The same conversation moved back before the birthday needs the guardians again.
        var before = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(officer, Preparation(second, await h.ConversationVersionAsync(second), new DateOnly(2026, 11, 30))));
        Assert.Equal("GuardiansOmittedReason", before.Field);
    }
}
