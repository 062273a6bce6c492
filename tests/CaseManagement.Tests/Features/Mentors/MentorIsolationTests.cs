using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Mentors;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Mentors;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Mentors;

/// <summary>A mentor's only ground is their own active assignment: another mentor's mentee, or an ended assignment, is not found.</summary>
public sealed class MentorIsolationTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(Guid Coordinator, Guid FollowUp, Guid Person, Guid MentorA, Guid AssignmentA, Guid MentorB, Guid AssignmentB)> TwoMentorsAsync(CaseHarness h)
    {
        var coordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var (person, followUp) = await h.FollowUpAsync(DemoData.Municipality, coordinator);
        var (personB, followUpB) = await h.FollowUpAsync(DemoData.Municipality, coordinator);
        var contact = await h.PoliceContactAsync();
        var mentorA = await h.MentorWithProfileAsync(DemoData.MentorService, coordinator);
        var mentorB = await h.MentorWithProfileAsync(DemoData.MentorService, coordinator);
        var a = await h.AssignmentAsync(followUp, person, mentorA, coordinator, contact);
        var b = await h.AssignmentAsync(followUpB, personB, mentorB, coordinator, contact);
        return (coordinator, followUp, person, mentorA, a, mentorB, b);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_mentor_gets_not_found_for_another_mentors_mentee_and_stores_nothing(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var (_, _, _, mentorA, assignmentA, _, assignmentB) = await TwoMentorsAsync(h);

        var mine = await h.SendAsync(mentorA, new ListMyMentees());
        Assert.Equal([assignmentA], mine.Select(m => m.AssignmentId));
        Assert.Equal("Amir", mine[0].FirstName);

        var read = await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(mentorA, new GetMyMentee(assignmentB)));
        Assert.Equal("MentorAssignment", read.RecordKind);
        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await h.SendAsync(mentorA, new RecordMentorSession(assignmentB, h.Today(), SessionArena.Cafe, 30, SessionType.Conversation, "Forsøk")));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(mentorA, new ListSupervisionNotes(assignmentB)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(mentorA, new AddSupervisionNote(assignmentB, "Forsøk")));
        Assert.Equal(0, await h.WithDbAsync(db => db.MentorSessions.CountAsync(s => s.AssignmentId == assignmentB, Ct)));
        Assert.Equal(0, await h.WithDbAsync(db => db.SupervisionNotes.CountAsync(s => s.AssignmentId == assignmentB, Ct)));

        // The refusal is in the access log.
        Assert.True(await h.WithDbAsync(db => db.AccessLog.AnyAsync(e => e.UserId == mentorA && e.MessageName == nameof(GetMyMentee) && e.Outcome == Application.Auditing.AccessOutcome.Refused, Ct)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_mentor_never_reads_the_register_the_follow_up_or_the_coordinators_view(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var (_, followUp, person, mentorA, assignmentA, _, _) = await TwoMentorsAsync(h);

        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(mentorA, new GetPerson(person)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(mentorA, new GetFollowUp(followUp)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(mentorA, new GetMentorAssignment(followUp, assignmentA)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(mentorA, new ListMentorAssignments()));

        // What the mentor does see is the minimal profile: first name, age, goals, frequency.
        var view = await h.SendAsync(mentorA, new GetMyMentee(assignmentA));
        Assert.Equal(("Amir", 26, "Fullføre skolen.", 14), (view.FirstName, view.Age, view.Goals, view.PlannedIntervalDays));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task When_the_assignment_ends_the_mentors_access_ends_at_once(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var (coordinator, followUp, _, mentorA, assignmentA, _, _) = await TwoMentorsAsync(h);
        await h.SendAsync(mentorA, new RecordMentorSession(assignmentA, h.Today(), SessionArena.Outdoors, 90, SessionType.Activity, "Fisketur"));

        await h.SendAsync(coordinator, new EndMentorAssignment(followUp, assignmentA, AssignmentClosingReason.GoalsReached));

        Assert.Empty(await h.SendAsync(mentorA, new ListMyMentees()));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(mentorA, new GetMyMentee(assignmentA)));
        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await h.SendAsync(mentorA, new RecordMentorSession(assignmentA, h.Today(), SessionArena.Cafe, 30, SessionType.Conversation, "Etter slutt")));
        Assert.Equal(1, await h.WithDbAsync(db => db.MentorSessions.CountAsync(s => s.AssignmentId == assignmentA, Ct)));
        // The coordinator still sees the closed assignment and its session.
        var closed = await h.SendAsync(coordinator, new GetMentorAssignment(followUp, assignmentA));
        Assert.False(closed.IsActive);
        Assert.Equal(AssignmentClosingReason.GoalsReached, closed.ClosingReason);
        Assert.Single(closed.Sessions);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_planned_end_in_the_past_ends_access_too(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var coordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var (person, followUp) = await h.FollowUpAsync(DemoData.Municipality, coordinator);
        var mentor = await h.MentorWithProfileAsync(DemoData.MentorService, coordinator);
        var assignment = await h.AssignmentAsync(followUp, person, mentor, coordinator, await h.PoliceContactAsync(), endsOn: h.Today().AddDays(2));
        Assert.Single(await h.SendAsync(mentor, new ListMyMentees()));

        h.Clock.Advance(TimeSpan.FromDays(3));

        Assert.Empty(await h.SendAsync(mentor, new ListMyMentees()));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(mentor, new GetMyMentee(assignment)));
    }
}
