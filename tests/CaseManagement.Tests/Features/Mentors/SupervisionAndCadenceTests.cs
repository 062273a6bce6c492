using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Mentors;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Mentors;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support.Databases;

namespace CaseManagement.Tests.Features.Mentors;

/// <summary>Supervision notes are for the mentor and the supervising coordinator only; cadence and certificate due items follow the clock.</summary>
public sealed class SupervisionAndCadenceTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Supervision_notes_are_invisible_to_everyone_but_the_mentor_and_the_supervisor(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var supervisor = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var lead = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var caseWorker = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav);
        var (person, followUp) = await h.FollowUpAsync(DemoData.Municipality, lead, (supervisor, TeamRole.Member), (caseWorker, TeamRole.Member));
        var mentor = await h.MentorWithProfileAsync(DemoData.MentorService, supervisor);
        var otherMentor = await h.MentorWithProfileAsync(DemoData.MentorService, supervisor);
        var assignment = await h.AssignmentAsync(followUp, person, mentor, supervisor, await h.PoliceContactAsync());

        await h.SendAsync(mentor, new AddSupervisionNote(assignment, "Jeg kjenner meg igjen i mentee sin historie."));
        await h.SendAsync(supervisor, new AddSupervisionNote(assignment, "Vi tar dette i neste veiledning."));

        Assert.Equal(2, (await h.SendAsync(mentor, new ListSupervisionNotes(assignment))).Count);
        Assert.Equal(2, (await h.SendAsync(supervisor, new ListSupervisionNotes(assignment))).Count);
        // The follow-up's lead is a coordinator too, but not this assignment's supervisor.
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(lead, new ListSupervisionNotes(assignment)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(otherMentor, new ListSupervisionNotes(assignment)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(caseWorker, new ListSupervisionNotes(assignment)));
        // The team's view of the assignment carries no supervision notes at all.
        var view = await h.SendAsync(lead, new GetMentorAssignment(followUp, assignment));
        Assert.DoesNotContain(typeof(MentorAssignmentView).GetProperties(), p => p.Name.Contains("Supervision", StringComparison.Ordinal));
        Assert.False(view.IsSupervisor);
        Assert.True((await h.SendAsync(supervisor, new GetMentorAssignment(followUp, assignment))).IsSupervisor);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cadence_items_appear_for_the_mentor_when_due_and_for_the_supervisor_when_overdue(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var supervisor = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var (person, followUp) = await h.FollowUpAsync(DemoData.Municipality, supervisor);
        var mentor = await h.MentorWithProfileAsync(DemoData.MentorService, supervisor);
        // Started 10 days ago, one session every 14 days: the first is due in 4 days.
        var assignment = await h.AssignmentAsync(followUp, person, mentor, supervisor, await h.PoliceContactAsync(), intervalDays: 14, startedDaysAgo: 10);
        var due = h.Today().AddDays(4);

        DueItem? Cadence(IReadOnlyList<DueItem> items) => items.SingleOrDefault(i => i.Kind == DueKind.MentorCadence && i.SourceId == assignment);

        Assert.Null(Cadence(await h.DueItemsAsync(mentor)));

        h.Clock.Advance(TimeSpan.FromDays(1)); // 3 days before: within the look-ahead
        var upcoming = Cadence(await h.DueItemsAsync(mentor));
        Assert.Equal((DueSeverity.Upcoming, due, "Amir"), (upcoming?.Severity, upcoming?.DueDate, upcoming?.PersonLabel));
        Assert.Null(upcoming!.PersonId);
        Assert.Null(Cadence(await h.DueItemsAsync(supervisor)));

        h.Clock.Advance(TimeSpan.FromDays(3)); // the due day
        Assert.Equal(DueSeverity.Due, Cadence(await h.DueItemsAsync(mentor))?.Severity);
        Assert.Null(Cadence(await h.DueItemsAsync(supervisor)));

        h.Clock.Advance(TimeSpan.FromDays(1)); // one day late
        Assert.Equal(DueSeverity.Overdue, Cadence(await h.DueItemsAsync(mentor))?.Severity);
        var forSupervisor = Cadence(await h.DueItemsAsync(supervisor));
        Assert.Equal((DueSeverity.Overdue, due), (forSupervisor?.Severity, forSupervisor?.DueDate));

        await h.SendAsync(mentor, new RecordMentorSession(assignment, h.Today(), SessionArena.Cafe, 60, SessionType.Conversation, "Jobbsøking"));
        Assert.Null(Cadence(await h.DueItemsAsync(mentor)));
        Assert.Null(Cadence(await h.DueItemsAsync(supervisor)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_police_certificate_warns_within_60_days_of_being_too_old(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var supervisor = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var mentor = await h.CreateUserAsync(Role.Mentor, DemoData.MentorService);
        var issued = h.Today().AddMonths(-MentorProfile.CertificateValidMonths).AddDays(61);
        await h.SendAsync(supervisor, new SaveMentorProfile(mentor, issued, 3, supervisor));
        var validUntil = MentorProfile.ValidUntil(issued);

        Assert.DoesNotContain(await h.DueItemsAsync(supervisor), i => i.Kind == DueKind.PoliceCertificateExpiring);

        h.Clock.Advance(TimeSpan.FromDays(2));
        var warning = Assert.Single(await h.DueItemsAsync(supervisor), i => i.Kind == DueKind.PoliceCertificateExpiring);
        Assert.Equal((validUntil, DueSeverity.Upcoming), (warning.DueDate, warning.Severity));
        Assert.Single(await h.DueItemsAsync(mentor), i => i.Kind == DueKind.PoliceCertificateExpiring);
        Assert.Equal(CertificateState.ExpiringSoon, (await h.SendAsync(supervisor, new ListMentors())).Single(m => m.UserId == mentor).CertificateState);

        h.Clock.Advance(TimeSpan.FromDays(61));
        Assert.Equal(DueSeverity.Overdue, Assert.Single(await h.DueItemsAsync(supervisor), i => i.Kind == DueKind.PoliceCertificateExpiring).Severity);
        Assert.Equal(CertificateState.Expired, (await h.SendAsync(supervisor, new ListMentors())).Single(m => m.UserId == mentor).CertificateState);
    }
}
