using CaseManagement.Application.Features.Families;
using CaseManagement.Application.Features.Mentors;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Families;
using CaseManagement.Domain.Mentors;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Features.Mentors;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Access;

/// <summary>
/// The matrix factories of the mentor programme and family guidance (ADR-014). Messages about the user's own
/// assignment take a subject (ADR-025): an own assignment and another mentor's, in the subject's unit and agency.
/// </summary>
public static class MentorMatrixMessages
{
    public static IEnumerable<MessageSpec> All =>
    [
        // Police contacts, for naming an assignment's police contact.
        PerRole<ListPoliceContacts>(async c =>
        {
            var contact = await c.H.PoliceContactAsync();
            return (await c.H.SendAsync(c.UserId, new ListPoliceContacts())).Any(p => p.UserId == contact);
        }),

        // The coordinators who may supervise a mentor: those of the acting user's own agency only. A coordinator in
        // the other agency (even if the data had one) is never listed.
        PerRole<ListSupervisors>(async c =>
        {
            var ownUnit = await c.H.WithDbAsync(db => db.Users.Where(u => u.Id == c.UserId).Select(u => u.UnitId).SingleAsync(TestContext.Current.CancellationToken));
            var otherUnit = ownUnit == DemoData.Slt || await c.H.WithDbAsync(db => db.Units.AnyAsync(u => u.Id == ownUnit && u.AgencyId == DemoData.Municipality, TestContext.Current.CancellationToken))
                ? DemoData.SandefjordStation
                : DemoData.Slt;
            var own = await c.H.CreateUserAsync(Role.PreventionCoordinator, ownUnit);
            var other = await c.H.CreateUserAsync(Role.PreventionCoordinator, otherUnit);
            var listed = await c.H.SendAsync(c.UserId, new ListSupervisors());
            return listed.Any(s => s.UserId == own) && listed.All(s => s.UserId != other);
        }),

        // The mentor's own assignment, as a subject (ADR-025): the acting user is mentor and supervisor of an assignment
        // under a follow-up of the subject's agency, led from the subject's unit; another mentor of that unit has an
        // assignment there too. Allowed means: the own assignment is reached AND the other mentor's is not (404 or not
        // listed), so a handler that forgets whose assignment it is makes the row fail.
        AboutSubject<RecordMentorSession>(async c =>
        {
            var (own, others) = await AssignmentsAsync(c);
            var recorded = (await c.H.SendAsync(c.UserId, new RecordMentorSession(own, c.H.Today(), SessionArena.Cafe, 60, SessionType.Conversation, "Skole."))).AssignmentId == own;
            return recorded && await NotFoundAsync(() => c.H.SendAsync(c.UserId, new RecordMentorSession(others, c.H.Today(), SessionArena.Cafe, 60, SessionType.Conversation, "Skole.")));
        }),
        AboutSubject<ListMyMentees>(async c =>
        {
            var (own, others) = await AssignmentsAsync(c);
            var listed = (await c.H.SendAsync(c.UserId, new ListMyMentees())).Select(m => m.AssignmentId).ToHashSet();
            return listed.Contains(own) && !listed.Contains(others);
        }),
        AboutSubject<GetMyMentee>(async c =>
        {
            var (own, others) = await AssignmentsAsync(c);
            return (await c.H.SendAsync(c.UserId, new GetMyMentee(own))).AssignmentId == own
                && await NotFoundAsync(() => c.H.SendAsync(c.UserId, new GetMyMentee(others)));
        }),
        AboutSubject<AddSupervisionNote>(async c =>
        {
            var (own, others) = await AssignmentsAsync(c);
            return (await c.H.SendAsync(c.UserId, new AddSupervisionNote(own, "Veiledning om grenser."))).AssignmentId == own
                && await NotFoundAsync(() => c.H.SendAsync(c.UserId, new AddSupervisionNote(others, "Veiledning om grenser.")));
        }),
        AboutSubject<ListSupervisionNotes>(async c =>
        {
            var (own, others) = await AssignmentsAsync(c);
            return await c.H.SendAsync(c.UserId, new ListSupervisionNotes(own)) is not null
                && await NotFoundAsync(() => c.H.SendAsync(c.UserId, new ListSupervisionNotes(others)));
        }),

        // Assignments under the follow-up under test.
        AboutFollowUp<AssignMentor>(async c =>
        {
            var mentor = await c.H.MentorWithProfileAsync(c.Layout.OwnerUnit, c.S.LeadId);
            var contact = await c.H.PoliceContactAsync();
            return (await c.H.SendAsync(c.UserId, new AssignMentor(
                c.S.FollowUpId, mentor, contact, ReferralSource.School, "Felles interesse for musikk.", c.H.Today(), "Fullføre skoleåret.", 14,
                MentorSafetyRisk.Low, "Lav risiko.", c.H.Today()))).FollowUpId == c.S.FollowUpId;
        }),
        AboutFollowUp<EndMentorAssignment>(async c =>
        {
            var assignment = await AssignmentOnScenarioAsync(c);
            return (await c.H.SendAsync(c.UserId, new EndMentorAssignment(c.S.FollowUpId, assignment, AssignmentClosingReason.GoalsReached))).Id == assignment;
        }),
        AboutFollowUp<GetMentorAssignment>(async c =>
        {
            var assignment = await AssignmentOnScenarioAsync(c);
            return (await c.H.SendAsync(c.UserId, new GetMentorAssignment(c.S.FollowUpId, assignment))).Id == assignment;
        }),
        AboutFollowUp<ListMentorAssignments>(async c =>
        {
            var assignment = await AssignmentOnScenarioAsync(c);
            return (await c.H.SendAsync(c.UserId, new ListMentorAssignments(c.S.FollowUpId, PageSize: 100))).Items.Any(a => a.Id == assignment);
        }),

        // Family guidance under the follow-up under test.
        AboutFollowUp<StartFamilyGuidance>(async c =>
            (await c.H.SendAsync(c.UserId, new StartFamilyGuidance(
                c.S.FollowUpId, "Familien Matrise", c.H.Today(), [new ParticipantInput("Mor Matrise", FamilyRelation.Mother)]))).FollowUpId == c.S.FollowUpId),
        AboutFollowUp<RecordGuidanceSession>(async c =>
        {
            var (course, mother, _) = await c.H.CourseAsync(c.S.FollowUpId, c.S.PersonId, c.S.LeadId);
            return (await c.H.SendAsync(c.UserId, new RecordGuidanceSession(c.S.FollowUpId, course, c.H.Today(), [mother], "Samtaler hjemme."))).CourseId == course;
        }),
        AboutFollowUp<GetFamilyCourse>(async c =>
        {
            var (course, _, _) = await c.H.CourseAsync(c.S.FollowUpId, c.S.PersonId, c.S.LeadId);
            return (await c.H.SendAsync(c.UserId, new GetFamilyCourse(c.S.FollowUpId, course))).Id == course;
        }),
        AboutFollowUp<ListFamilyCourses>(async c =>
        {
            var (course, _, _) = await c.H.CourseAsync(c.S.FollowUpId, c.S.PersonId, c.S.LeadId);
            return (await c.H.SendAsync(c.UserId, new ListFamilyCourses(c.S.FollowUpId, PageSize: 100))).Items.Any(x => x.Id == course);
        }),
        AboutFollowUp<RecordGroupSession>(async c =>
        {
            var (course, _, _) = await c.H.CourseAsync(c.S.FollowUpId, c.S.PersonId, c.S.LeadId);
            var group = await c.H.GroupAsync(c.Layout.UnitFor(c.S.Relation), c.UserId);
            return (await c.H.SendAsync(c.UserId, new RecordGroupSession(group, c.H.Today(), "Grensesetting i familien.", [course]))).Families == 1;
        }),

        // Groups of the user's unit: the command names no unit, so there is no subject; the group must land in the
        // acting user's own unit.
        PerRole<CreateFamilyGroup>(async c =>
        {
            var created = (await c.H.SendAsync(c.UserId, new CreateFamilyGroup("Nettverksgruppe"))).Id;
            var unit = await c.H.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.FamilyGroups.Where(g => g.Id == created).Select(g => g.UnitId), TestContext.Current.CancellationToken));
            return unit == c.Layout.OwnerUnit;
        }),
    ];

    /// <summary>
    /// The acting user's own active assignment (mentor and supervisor) and, once per unit, another mentor's, both under
    /// follow-ups of the subject's agency led from the subject's unit.
    /// </summary>
    private static async Task<(Guid Own, Guid Others)> AssignmentsAsync(MatrixCase c)
    {
        var worker = await SubjectMatrixMessages.SubjectWorkerAsync(c);
        var contact = await c.Site.SubjectAsync("police contact", DemoData.SandefjordStation, () => c.H.PoliceContactAsync());
        var others = await c.Site.SubjectAsync("other mentor's assignment", c.P.UnitId, async () =>
        {
            var mentor = await c.H.CreateUserAsync(Role.Mentor, c.P.UnitId);
            var (person, followUp) = await c.H.FollowUpAsync(c.P.AgencyId, worker);
            return await c.H.AssignmentAsync(followUp, person, mentor, worker, contact);
        });
        var (ownPerson, ownFollowUp) = await c.H.FollowUpAsync(c.P.AgencyId, worker);
        var own = await c.H.AssignmentAsync(ownFollowUp, ownPerson, c.UserId, c.UserId, contact);
        return (own, others);
    }

    /// <summary>True when the message is answered as if the record did not exist; false when it was carried out.</summary>
    private static async Task<bool> NotFoundAsync<T>(Func<ValueTask<T>> send)
    {
        try
        {
            await send();
            return false;
        }
        catch (Application.Common.NotFoundException)
        {
            return true;
        }
    }

    private static async Task<Guid> AssignmentOnScenarioAsync(MatrixCase c)
    {
        var mentor = await c.H.CreateUserAsync(Role.Mentor, DemoData.MentorService);
        var contact = await c.H.PoliceContactAsync();
        return await c.H.AssignmentAsync(c.S.FollowUpId, c.S.PersonId, mentor, c.S.LeadId, contact);
    }

    private static MessageSpec AboutFollowUp<TMessage>(Func<MatrixCase, Task<bool>> run) => new(typeof(TMessage), AboutFollowUp: true, NeedsClosedFollowUp: false, run);

    private static MessageSpec AboutSubject<TMessage>(Func<MatrixCase, Task<bool>> run) =>
        new(typeof(TMessage), AboutFollowUp: false, NeedsClosedFollowUp: false, run, AboutSubject: true);

    private static MessageSpec PerRole<TMessage>(Func<MatrixCase, Task<bool>> run) => new(typeof(TMessage), AboutFollowUp: false, NeedsClosedFollowUp: false, run);
}
