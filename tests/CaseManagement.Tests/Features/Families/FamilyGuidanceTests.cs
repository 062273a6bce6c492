using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Families;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Families;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Features.Mentors;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Families;

/// <summary>Family guidance: courses under the family guide's follow-up, and groups where no family sees another's data.</summary>
public sealed class FamilyGuidanceTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record TwoFamilies(Guid Guide, Guid GuideOfA, Guid FollowUpA, Guid CourseA, Guid MotherA, Guid FollowUpB, Guid CourseB, Guid MotherB, Guid Group);

    /// <summary>One guide follows both families; another follows family A only. Both work in the family-guidance unit.</summary>
    private static async Task<TwoFamilies> TwoFamiliesAsync(CaseHarness h)
    {
        var coordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var guide = await h.CreateUserAsync(Role.FamilyGuide, DemoData.FamilyGuidance);
        var guideOfA = await h.CreateUserAsync(Role.FamilyGuide, DemoData.FamilyGuidance);
        var (personA, followUpA) = await h.FollowUpAsync(DemoData.Municipality, coordinator, (guide, TeamRole.FamilyGuide), (guideOfA, TeamRole.FamilyGuide));
        var (personB, followUpB) = await h.FollowUpAsync(DemoData.Municipality, coordinator, (guide, TeamRole.FamilyGuide));
        var a = await h.SendAsync(guide, new StartFamilyGuidance(
            followUpA, "Familien Aas", h.Today(), [new ParticipantInput("Anne Aas", FamilyRelation.Mother), new ParticipantInput("Arne Aas", FamilyRelation.Father, IsClient: true)],
            SupportNeeds: "Mor er bekymret for nettbruken om natten."));
        var b = await h.SendAsync(guide, new StartFamilyGuidance(followUpB, "Familien Berg", h.Today(), [new ParticipantInput("Berit Berg", FamilyRelation.Mother)]));
        var motherA = await h.WithDbAsync(db => db.FamilyParticipants.Where(p => p.CourseId == a.Id && p.Name == "Anne Aas").Select(p => p.Id).SingleAsync(Ct));
        var motherB = await h.WithDbAsync(db => db.FamilyParticipants.Where(p => p.CourseId == b.Id).Select(p => p.Id).SingleAsync(Ct));
        var group = (await h.SendAsync(guide, new CreateFamilyGroup("Foreldregruppe høst"))).Id;
        return new TwoFamilies(guide, guideOfA, followUpA, a.Id, motherA, followUpB, b.Id, motherB, group);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_family_never_sees_another_familys_data_through_a_shared_group(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var f = await TwoFamiliesAsync(h);
        await h.SendAsync(f.Guide, new RecordGuidanceSession(f.FollowUpB, f.CourseB, h.Today(), [f.MotherB], "Bergs private tema", Advice: "Berg-rådet er hemmelig for andre familier."));
        await h.SendAsync(f.Guide, new RecordGroupSession(f.Group, h.Today(), "Hvordan snakke med ungdom om ekstremisme", [f.CourseA, f.CourseB], "God stemning i gruppen."));

        var courseA = await h.SendAsync(f.GuideOfA, new GetFamilyCourse(f.FollowUpA, f.CourseA));
        var attended = Assert.Single(courseA.GroupSessions);
        Assert.Equal("God stemning i gruppen.", attended.GroupNotes);
        Assert.DoesNotContain(courseA.Participants, p => p.Name.Contains("Berg", StringComparison.Ordinal));
        Assert.Empty(courseA.Sessions);
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(f.GuideOfA, new GetFamilyCourse(f.FollowUpB, f.CourseB)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(f.GuideOfA, new GetFamilyCourse(f.FollowUpA, f.CourseB)));
        Assert.DoesNotContain((await h.SendAsync(f.GuideOfA, new ListFamilyCourses(PageSize: 100))).Items, c => c.Id == f.CourseB);

        // The group: families the guide does not follow are only a number.
        var group = await h.SendAsync(f.GuideOfA, new GetFamilyGroup(f.Group));
        var session = Assert.Single(group.Sessions);
        Assert.Equal(["Familien Aas"], session.Families.Select(x => x.FamilyLabel));
        Assert.Equal(1, session.OtherFamilies);
        var full = Assert.Single((await h.SendAsync(f.Guide, new GetFamilyGroup(f.Group))).Sessions);
        Assert.Equal(2, full.Families.Count);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Group_notes_that_name_a_family_or_repeat_its_private_notes_are_refused_and_nothing_is_stored(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var f = await TwoFamiliesAsync(h);
        await h.SendAsync(f.Guide, new RecordGuidanceSession(f.FollowUpA, f.CourseA, h.Today(), [f.MotherA], "Nett", Advice: "Avtal faste skjermfrie kvelder hjemme."));
        var before = await h.WithDbAsync(db => db.GroupSessions.CountAsync(s => s.GroupId == f.Group, Ct));

        var named = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(f.Guide, new RecordGroupSession(f.Group, h.Today(), "Foreldrerollen", [f.CourseA, f.CourseB], "Anne Aas fortalte om sønnen.")));
        Assert.Equal(("GroupNotes", "Gruppenotater kan ikke nevne én familie eller et familiemedlem, eller gjengi en families private notater. Skriv bare det som gjelder hele gruppen."),
            (named.Field, named.Message));
        await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(f.Guide, new RecordGroupSession(f.Group, h.Today(), "Om familien berg", [f.CourseB])));
        var copied = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(f.Guide, new RecordGroupSession(f.Group, h.Today(), "Skjerm", [f.CourseA], "Tips: avtal faste skjermfrie kvelder hjemme.")));
        Assert.Equal("GroupNotes", copied.Field);
        await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(f.Guide, new RecordGroupSession(f.Group, h.Today(), "Søvn", [f.CourseA], "Mor er bekymret for nettbruken om natten.")));
        // A guide who does not follow family B cannot list it as attending.
        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await h.SendAsync(f.GuideOfA, new RecordGroupSession(f.Group, h.Today(), "Foreldrerollen", [f.CourseA, f.CourseB])));

        Assert.Equal(before, await h.WithDbAsync(db => db.GroupSessions.CountAsync(s => s.GroupId == f.Group, Ct)));
        Assert.Equal(0, await h.WithDbAsync(db => db.GroupAttendances.CountAsync(a => a.CourseId == f.CourseA || a.CourseId == f.CourseB, Ct)));
        // A word that merely contains a name is fine ("Bergen" is not "Berg").
        await h.SendAsync(f.Guide, new RecordGroupSession(f.Group, h.Today(), "Tur til Bergen", [f.CourseA, f.CourseB]));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sessions_list_only_the_familys_own_participants_and_plan_the_next_due_item(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var f = await TwoFamiliesAsync(h);

        var other = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(f.Guide, new RecordGuidanceSession(f.FollowUpA, f.CourseA, h.Today(), [f.MotherB], "Feil familie")));
        Assert.Equal("AttendeeIds", other.Field);
        await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(f.Guide, new RecordGuidanceSession(f.FollowUpA, f.CourseA, h.Today().AddDays(1), [f.MotherA], "Fram i tid")));
        await Assert.ThrowsAsync<ValidationException>(async () =>
            await h.SendAsync(f.Guide, new RecordGuidanceSession(f.FollowUpA, f.CourseA, h.Today(), [], "Ingen til stede")));

        await h.SendAsync(f.Guide, new RecordGuidanceSession(f.FollowUpA, f.CourseA, h.Today(), [f.MotherA], "Rutiner", NextSessionDue: h.Today().AddDays(5)));

        var view = await h.SendAsync(f.GuideOfA, new GetFamilyCourse(f.FollowUpA, f.CourseA));
        Assert.Equal(["Anne Aas"], Assert.Single(view.Sessions).Attended);
        var item = Assert.Single(await h.DueItemsAsync(f.GuideOfA), i => i.Kind == DueKind.FamilyGuidanceSession);
        Assert.Equal((h.Today().AddDays(5), DueSeverity.Upcoming, "Familien Aas"), (item.DueDate, item.Severity, item.PersonLabel));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Linking_to_the_persons_own_follow_up_needs_an_active_consent_covering_family_guidance(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var coordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var guide = await h.CreateUserAsync(Role.FamilyGuide, DemoData.FamilyGuidance);
        var (person, followUp) = await h.FollowUpAsync(DemoData.Municipality, coordinator, (guide, TeamRole.FamilyGuide));
        var (_, otherPersons) = await h.FollowUpAsync(DemoData.Municipality, coordinator);
        var own = await h.WithDbAsync(async db =>
        {
            var f = CaseManagement.Domain.FollowUps.FollowUp.Open(Guid.CreateVersion7(), person, DemoData.Municipality, ConcernSource.School, RetentionClass.MunicipalService, coordinator, h.Clock.GetUtcNow());
            // The guide links only a follow-up they reach (see the test below).
            f.AddMember(guide, TeamRole.FamilyGuide, h.Clock.GetUtcNow());
            db.FollowUps.Add(f);
            await db.SaveChangesAsync(Ct);
            return f.Id;
        });
        var start = new StartFamilyGuidance(followUp, "Familien Lenke", h.Today(), [new ParticipantInput("Lise Lenke", FamilyRelation.Mother)], LinkedFollowUpId: own);

        await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(guide, start));
        var noConsent = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(guide, start with { LinkConsentId = Guid.CreateVersion7() }));
        Assert.Equal("LinkConsentId", noConsent.Field);
        var consent = await h.WithDbAsync(async db =>
        {
            var c = CaseManagement.Domain.Sharing.Consent.Record(
                Guid.CreateVersion7(), person, followUp, CaseManagement.Domain.Sharing.ConsentGiver.Person, null, DemoData.FamilyGuidance, CaseManagement.Domain.Sharing.RecordKinds.FamilyGuidance, "Kobling",
                CaseManagement.Domain.Sharing.ConsentMethod.Written, false, h.Clock.GetUtcNow().AddDays(-1), null, coordinator, h.Clock.GetUtcNow());
            db.Consents.Add(c);
            await db.SaveChangesAsync(Ct);
            return c.Id;
        });
        Assert.Equal("LinkedFollowUpId", (await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(guide, start with { LinkedFollowUpId = otherPersons, LinkConsentId = consent }))).Field);

        var started = await h.SendAsync(guide, start with { LinkConsentId = consent });
        Assert.True((await h.SendAsync(guide, new GetFamilyCourse(followUp, started.Id))).LinkedToPersonsFollowUp);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_link_to_an_unreachable_follow_up_is_refused_alike_whether_it_is_the_persons_or_anothers(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var coordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var guide = await h.CreateUserAsync(Role.FamilyGuide, DemoData.FamilyGuidance);
        var (person, followUp) = await h.FollowUpAsync(DemoData.Municipality, coordinator, (guide, TeamRole.FamilyGuide));
        var (_, otherPersons) = await h.FollowUpAsync(DemoData.Municipality, coordinator);
        // The person's own follow-up at SLT, which the guide is not on and nothing discloses to them.
        var samePersons = await h.WithDbAsync(async db =>
        {
            var f = CaseManagement.Domain.FollowUps.FollowUp.Open(Guid.CreateVersion7(), person, DemoData.Municipality, ConcernSource.School, RetentionClass.MunicipalService, coordinator, h.Clock.GetUtcNow());
            db.FollowUps.Add(f);
            await db.SaveChangesAsync(Ct);
            return f.Id;
        });
        var consent = await h.WithDbAsync(async db =>
        {
            var c = CaseManagement.Domain.Sharing.Consent.Record(
                Guid.CreateVersion7(), person, followUp, CaseManagement.Domain.Sharing.ConsentGiver.Person, null, DemoData.FamilyGuidance, CaseManagement.Domain.Sharing.RecordKinds.FamilyGuidance, "Kobling",
                CaseManagement.Domain.Sharing.ConsentMethod.Written, false, h.Clock.GetUtcNow().AddDays(-1), null, coordinator, h.Clock.GetUtcNow());
            db.Consents.Add(c);
            await db.SaveChangesAsync(Ct);
            return c.Id;
        });
        var start = new StartFamilyGuidance(followUp, "Familien Uvisst", h.Today(), [new ParticipantInput("Una Uvisst", FamilyRelation.Mother)]);

        async Task<(Type, string?)> Refusal(Guid linked, Guid? consentId)
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(async () => await h.SendAsync(guide, start with { LinkedFollowUpId = linked, LinkConsentId = consentId }));
            return (e.GetType(), (e as RuleViolationException)?.Field);
        }

        // With a good consent and without one, the person's unreachable follow-up answers exactly as another
        // person's and as one that does not exist.
        foreach (var consentId in new Guid?[] { consent, Guid.CreateVersion7() })
        {
            var other = await Refusal(otherPersons, consentId);
            Assert.Equal((typeof(RuleViolationException), "LinkedFollowUpId"), other);
            Assert.Equal(other, await Refusal(samePersons, consentId));
            Assert.Equal(other, await Refusal(Guid.CreateVersion7(), consentId));
        }

        Assert.Equal(0, await h.WithDbAsync(db => db.FamilyGuidanceCourses.CountAsync(c => c.FollowUpId == followUp, Ct)));
    }
}
