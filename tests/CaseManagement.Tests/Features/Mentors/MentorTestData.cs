using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Alerts;
using CaseManagement.Domain.Families;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Mentors;
using CaseManagement.Domain.Persons;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Features.Persons;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Mentors;

/// <summary>Mentor programme, family guidance and alert records written straight to the database, for tests and the matrix.</summary>
public static class MentorTestData
{
    public static DateOnly Today(this CaseHarness h) => Application.Common.OsloTime.DateOf(h.Clock.GetUtcNow());

    /// <summary>A person and an open follow-up of <paramref name="agencyId"/>, led by <paramref name="lead"/> (plus extra team members).</summary>
    public static Task<(Guid PersonId, Guid FollowUpId)> FollowUpAsync(this CaseHarness h, Guid agencyId, Guid lead, params (Guid User, TeamRole Role)[] members) =>
        h.WithDbAsync(async db =>
        {
            var now = h.Clock.GetUtcNow();
            var person = Person.Register(
                Guid.CreateVersion7(), agencyId, new PersonDetails("Amir", PersonTestData.UniqueWord(), new DateOnly(2000, 4, 2), null, null, null, null, "norsk", false), now.AddDays(-60));
            var followUp = FollowUp.Open(Guid.CreateVersion7(), person.Id, agencyId, ConcernSource.Family, RetentionClass.MunicipalService, lead, now.AddDays(-60));
            foreach (var (user, role) in members)
            {
                followUp.AddMember(user, role, now.AddDays(-60));
            }

            db.AddRange(person, followUp);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return (person.Id, followUp.Id);
        });

    /// <summary>A mentor user in <paramref name="unit"/> with a profile (certificate issued <paramref name="certificateAgeDays"/> ago).</summary>
    public static async Task<Guid> MentorWithProfileAsync(this CaseHarness h, Guid unit, Guid supervisor, int capacity = 3, int certificateAgeDays = 30)
    {
        var mentor = await h.CreateUserAsync(Role.Mentor, unit);
        await h.WithDbAsync(async db =>
        {
            db.MentorProfiles.Add(MentorProfile.Create(
                Guid.CreateVersion7(), mentor, h.Today().AddDays(-100), h.Today().AddDays(-certificateAgeDays), capacity, supervisor, h.Clock.GetUtcNow()));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return mentor;
    }

    /// <summary>An active assignment, written directly (not through AssignMentor): started <paramref name="startedDaysAgo"/> days ago.</summary>
    public static Task<Guid> AssignmentAsync(
        this CaseHarness h, Guid followUpId, Guid personId, Guid mentor, Guid supervisor, Guid policeContact, int intervalDays = 14, int startedDaysAgo = 10, DateOnly? endsOn = null) =>
        h.WithDbAsync(async db =>
        {
            var today = h.Today();
            var a = MentorAssignment.Create(
                Guid.CreateVersion7(), followUpId, personId, mentor, supervisor, policeContact, ReferralSource.Police, "Felles interesser.", today.AddDays(-startedDaysAgo - 1),
                "Fullføre skolen.", intervalDays, MentorSafetyRisk.Low, "Lav risiko.", today.AddDays(-startedDaysAgo), endsOn, supervisor, h.Clock.GetUtcNow());
            db.MentorAssignments.Add(a);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return a.Id;
        });

    /// <summary>
    /// An alert to <paramref name="recipients"/> about a fresh follow-up of <paramref name="agencyId"/>, about a mentor
    /// assignment under it. Each recipient stands in the alert as the alert scope requires (ADR-018): a recipient of the
    /// follow-up's agency is on its team; one of another agency is the assignment's police contact.
    /// </summary>
    public static async Task<Guid> AlertForAsync(this CaseHarness h, Guid agencyId, Guid raisedBy, params Guid[] recipients)
    {
        var agencies = await h.WithDbAsync(db => (
                from u in db.Users
                join unit in db.Units on u.UnitId equals unit.Id
                where recipients.Contains(u.Id)
                select new { u.Id, unit.AgencyId })
            .ToDictionaryAsync(x => x.Id, x => x.AgencyId, TestContext.Current.CancellationToken));
        var members = recipients.Distinct().Where(r => r != raisedBy && agencies[r] == agencyId).Select(r => (r, TeamRole.Member)).ToArray();
        var (personId, followUpId) = await h.FollowUpAsync(agencyId, raisedBy, members);
        var policeContact = recipients.FirstOrDefault(r => agencies[r] != agencyId);
        var assignment = await h.AssignmentAsync(followUpId, personId, raisedBy, raisedBy, policeContact == Guid.Empty ? raisedBy : policeContact);
        return await h.RaiseAlertAsync(followUpId, assignment, raisedBy, recipients);
    }

    /// <summary>An escalation alert about an existing follow-up, about no assignment in particular.</summary>
    public static Task<Guid> AlertOnAsync(this CaseHarness h, Guid followUpId, Guid raisedBy, params Guid[] recipients) =>
        h.RaiseAlertAsync(followUpId, Guid.CreateVersion7(), raisedBy, recipients);

    /// <summary>An escalation alert about <paramref name="followUpId"/> to <paramref name="recipients"/>, as they are.</summary>
    public static Task<Guid> RaiseAlertAsync(this CaseHarness h, Guid followUpId, Guid subjectId, Guid raisedBy, params Guid[] recipients) =>
        h.WithDbAsync(async db =>
        {
            var alert = Alert.Raise(Guid.CreateVersion7(), AlertKind.MentorEscalation, followUpId, subjectId, Guid.CreateVersion7(), "Amir (26 år)", raisedBy, recipients, h.Clock.GetUtcNow());
            db.Alerts.Add(alert);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return alert.Id;
        });

    /// <summary>A family guidance course with two participants on the follow-up.</summary>
    public static Task<(Guid CourseId, Guid MotherId, Guid FatherId)> CourseAsync(this CaseHarness h, Guid followUpId, Guid personId, Guid createdBy, string label = "Familien Test") =>
        h.WithDbAsync(async db =>
        {
            var course = FamilyGuidanceCourse.Start(
                Guid.CreateVersion7(), followUpId, personId, label, h.Today().AddDays(-20), "Foreldrene trenger råd om samtaler hjemme.", null, null, null, null, createdBy, h.Clock.GetUtcNow());
            var mother = course.AddParticipant("Mona " + PersonTestData.UniqueWord(), FamilyRelation.Mother, false);
            var father = course.AddParticipant("Frank " + PersonTestData.UniqueWord(), FamilyRelation.Father, true);
            db.FamilyGuidanceCourses.Add(course);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return (course.Id, mother.Id, father.Id);
        });

    public static Task<Guid> GroupAsync(this CaseHarness h, Guid unitId, Guid createdBy) =>
        h.WithDbAsync(async db =>
        {
            var group = FamilyGroup.Create(Guid.CreateVersion7(), unitId, "Foreldregruppe " + PersonTestData.UniqueWord(), createdBy, h.Clock.GetUtcNow());
            db.FamilyGroups.Add(group);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return group.Id;
        });

    /// <summary>The radicalisation contact of the police the tests use as the assignment's police contact.</summary>
    public static Task<Guid> PoliceContactAsync(this CaseHarness h) => h.CreateUserAsync(Role.RadicalisationContact, DemoData.SandefjordStation);

    /// <summary>The agency of a unit used in the tests.</summary>
    public static Guid AgencyOf(Guid unit) => unit == DemoData.SandefjordStation || unit == DemoData.LarvikStation ? DemoData.PoliceDistrict : DemoData.Municipality;
}
