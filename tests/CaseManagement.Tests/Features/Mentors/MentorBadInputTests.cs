using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Mentors;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Mentors;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Mentors;

/// <summary>Bad input to the mentor programme: each refused with a specific message on its field, nothing stored.</summary>
public sealed class MentorBadInputTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AssignMentor Assign(CaseHarness h, Guid followUp, Guid mentor, Guid contact) => new(
        followUp, mentor, contact, ReferralSource.ChildWelfare, "Felles bakgrunn.", h.Today(), "Komme i jobb.", 7, MentorSafetyRisk.Moderate, "Møtes ute.", h.Today());

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sessions_in_the_future_longer_than_a_day_or_before_the_start_are_refused(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var coordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var (person, followUp) = await h.FollowUpAsync(DemoData.Municipality, coordinator);
        var mentor = await h.MentorWithProfileAsync(DemoData.MentorService, coordinator);
        var assignment = await h.AssignmentAsync(followUp, person, mentor, coordinator, await h.PoliceContactAsync(), startedDaysAgo: 5);
        var valid = new RecordMentorSession(assignment, h.Today(), SessionArena.Cafe, 60, SessionType.Conversation, "Skole");

        var future = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(mentor, valid with { HeldOn = h.Today().AddDays(1) }));
        Assert.Equal(("HeldOn", "Datoen kan ikke være fram i tid. Registrer samtalen etter at den er holdt."), (future.Field, future.Message));
        var tooLong = await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(mentor, valid with { DurationMinutes = 24 * 60 + 1 }));
        Assert.Contains(tooLong.Errors, e => e.PropertyName == "DurationMinutes" && e.ErrorMessage.Contains("ett døgn", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(mentor, valid with { DurationMinutes = 0 }));
        var before = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(mentor, valid with { HeldOn = h.Today().AddDays(-6) }));
        Assert.Equal("HeldOn", before.Field);
        await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(mentor, valid with { Arena = (SessionArena)99 }));
        await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(mentor, valid with { Topics = " " }));

        Assert.Equal(0, await h.WithDbAsync(db => db.MentorSessions.CountAsync(s => s.AssignmentId == assignment, Ct)));
        // Exactly a day is allowed.
        await h.SendAsync(mentor, valid with { DurationMinutes = 24 * 60, Type = SessionType.EscortToService });
        Assert.Equal(1, await h.WithDbAsync(db => db.MentorSessions.CountAsync(s => s.AssignmentId == assignment, Ct)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_assignment_to_a_mentor_without_a_valid_certificate_or_over_capacity_is_refused(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var coordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var (_, followUp) = await h.FollowUpAsync(DemoData.Municipality, coordinator);
        var (_, followUp2) = await h.FollowUpAsync(DemoData.Municipality, coordinator);
        var contact = await h.PoliceContactAsync();
        var expired = await h.MentorWithProfileAsync(DemoData.MentorService, coordinator, certificateAgeDays: 365 * 3 + 5);
        var full = await h.MentorWithProfileAsync(DemoData.MentorService, coordinator, capacity: 1);
        var noProfile = await h.CreateUserAsync(Role.Mentor, DemoData.MentorService);
        var notMentor = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav);

        var certificate = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(coordinator, Assign(h, followUp, expired, contact)));
        Assert.Equal("MentorUserId", certificate.Field);
        Assert.Contains("politiattest", certificate.Message, StringComparison.Ordinal);

        await h.SendAsync(coordinator, Assign(h, followUp, full, contact));
        var capacity = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(coordinator, Assign(h, followUp2, full, contact)));
        Assert.Contains("kapasiteten", capacity.Message, StringComparison.Ordinal);

        Assert.Contains("mentorprofil", (await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(coordinator, Assign(h, followUp2, noProfile, contact)))).Message, StringComparison.Ordinal);
        Assert.Equal("MentorUserId", (await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(coordinator, Assign(h, followUp2, notMentor, contact)))).Field);
        var badContact = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(coordinator, Assign(h, followUp2, await h.MentorWithProfileAsync(DemoData.MentorService, coordinator), coordinator)));
        Assert.Equal("PoliceContactUserId", badContact.Field);
        var consent = await Assert.ThrowsAsync<ValidationException>(async () =>
            await h.SendAsync(coordinator, Assign(h, followUp2, await h.MentorWithProfileAsync(DemoData.MentorService, coordinator), contact) with { ConsentGivenOn = null }));
        Assert.Contains(consent.Errors, e => e.PropertyName == "ConsentGivenOn");

        Assert.Equal(1, await h.WithDbAsync(db => db.MentorAssignments.CountAsync(a => a.FollowUpId == followUp || a.FollowUpId == followUp2, Ct)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_coordinator_assigns_through_the_command_and_the_mentor_sees_the_mentee(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var coordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var (_, followUp) = await h.FollowUpAsync(DemoData.Municipality, coordinator);
        var mentor = await h.MentorWithProfileAsync(DemoData.MentorService, coordinator);
        var outsider = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(outsider, Assign(h, followUp, mentor, await h.PoliceContactAsync())));
        var assigned = await h.SendAsync(coordinator, Assign(h, followUp, mentor, await h.PoliceContactAsync()));

        var mentee = Assert.Single(await h.SendAsync(mentor, new ListMyMentees()));
        Assert.Equal((assigned.Id, "Komme i jobb.", 7), (mentee.AssignmentId, mentee.Goals, mentee.PlannedIntervalDays));
        var listed = await h.SendAsync(coordinator, new ListMentorAssignments(followUp));
        Assert.Equal(assigned.Id, Assert.Single(listed.Items).Id);
        Assert.Empty((await h.SendAsync(outsider, new ListMentorAssignments(followUp))).Items);
    }
}
