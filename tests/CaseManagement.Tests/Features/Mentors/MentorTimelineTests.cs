using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Families;
using CaseManagement.Application.Features.Mentors;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Mentors;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support.Databases;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Features.Mentors;

/// <summary>Mentor and family guidance sessions on the person timeline: date and type only, and only for grants covering the kind.</summary>
public sealed class MentorTimelineTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static async Task<IReadOnlyList<TimelineEvent>> TimelineAsync(CaseHarness h, Guid userId, Guid personId, Guid followUpId)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        var ct = TestContext.Current.CancellationToken;
        var user = (await UserContextLoader.LoadAsync(db, userId, ct))!;
        var now = h.Clock.GetUtcNow();
        var grant = await AccessDecision.DecideAsync(db, user, followUpId, now, ct);
        var scopeOfPerson = new TimelineScope(personId, user, now, grant is null ? [] : [grant]);
        var events = new List<TimelineEvent>();
        foreach (var source in scope.ServiceProvider.GetServices<ITimelineSource>())
        {
            events.AddRange(await source.ForPersonAsync(db, scopeOfPerson, ct));
        }

        return events;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_team_sees_date_and_type_of_sessions_and_an_outsider_sees_nothing(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var coordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var guide = await h.CreateUserAsync(Role.FamilyGuide, DemoData.FamilyGuidance);
        var outsider = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav);
        var (person, followUp) = await h.FollowUpAsync(DemoData.Municipality, coordinator, (guide, TeamRole.FamilyGuide));
        var mentor = await h.MentorWithProfileAsync(DemoData.MentorService, coordinator);
        var assignment = await h.AssignmentAsync(followUp, person, mentor, coordinator, await h.PoliceContactAsync());
        await h.SendAsync(mentor, new RecordMentorSession(assignment, h.Today(), SessionArena.Cafe, 60, SessionType.EscortToService, "Hemmelig tema"));
        var (course, mother, _) = await h.CourseAsync(followUp, person, guide);
        await h.SendAsync(guide, new RecordGuidanceSession(followUp, course, h.Today(), [mother], "Privat familietema"));

        var events = await TimelineAsync(h, coordinator, person, followUp);

        var mentoring = Assert.Single(events, e => e.Kind == TimelineKind.MentorSession);
        Assert.Equal("Mentorsamtale (følge til tjeneste)", mentoring.Title);
        Assert.Equal($"/mentorprogram/oppdrag/{followUp}/{assignment}", mentoring.Link);
        var family = Assert.Single(events, e => e.Kind == TimelineKind.FamilyGuidanceSession);
        Assert.Equal("Familieveiledning", family.Title);
        Assert.DoesNotContain(events, e => e.Title.Contains("tema", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(await TimelineAsync(h, outsider, person, followUp));
    }
}
