using CaseManagement.Application.Features.Families;
using CaseManagement.Application.Features.Mentors;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Families;
using CaseManagement.Domain.Mentors;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Features.Mentors;

namespace CaseManagement.Tests.Access;

/// <summary>
/// The matrix factories of the mentor programme and family guidance (ADR-014). Messages about the user's own
/// assignment run once per role: the record is created for the acting user first, so the answer depends on
/// the role alone; isolation from other users' records is tested in Features/Mentors and Features/Alerts.
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

        // The mentor's own assignment (mentor and supervisor are the acting user).
        PerRole<RecordMentorSession>(async c =>
        {
            var assignment = await OwnAssignmentAsync(c);
            return (await c.H.SendAsync(c.UserId, new RecordMentorSession(assignment, c.H.Today(), SessionArena.Cafe, 60, SessionType.Conversation, "Skole."))).AssignmentId == assignment;
        }),
        PerRole<ListMyMentees>(async c =>
        {
            var assignment = await OwnAssignmentAsync(c);
            return (await c.H.SendAsync(c.UserId, new ListMyMentees())).Any(m => m.AssignmentId == assignment);
        }),
        PerRole<GetMyMentee>(async c =>
        {
            var assignment = await OwnAssignmentAsync(c);
            return (await c.H.SendAsync(c.UserId, new GetMyMentee(assignment))).AssignmentId == assignment;
        }),
        PerRole<AddSupervisionNote>(async c =>
        {
            var assignment = await OwnAssignmentAsync(c);
            return (await c.H.SendAsync(c.UserId, new AddSupervisionNote(assignment, "Veiledning om grenser."))).AssignmentId == assignment;
        }),
        PerRole<ListSupervisionNotes>(async c =>
        {
            var assignment = await OwnAssignmentAsync(c);
            return await c.H.SendAsync(c.UserId, new ListSupervisionNotes(assignment)) is not null;
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

        // Groups of the user's unit.
        PerRole<CreateFamilyGroup>(async c => (await c.H.SendAsync(c.UserId, new CreateFamilyGroup("Nettverksgruppe"))).Id != Guid.Empty),
    ];

    private static async Task<Guid> OwnAssignmentAsync(MatrixCase c)
    {
        var (person, followUp) = await c.H.FollowUpAsync(c.Layout.AgencyId, c.UserId);
        var contact = await c.H.PoliceContactAsync();
        return await c.H.AssignmentAsync(followUp, person, c.UserId, c.UserId, contact);
    }

    private static async Task<Guid> AssignmentOnScenarioAsync(MatrixCase c)
    {
        var mentor = await c.H.CreateUserAsync(Role.Mentor, DemoData.MentorService);
        var contact = await c.H.PoliceContactAsync();
        return await c.H.AssignmentAsync(c.S.FollowUpId, c.S.PersonId, mentor, c.S.LeadId, contact);
    }

    private static MessageSpec AboutFollowUp<TMessage>(Func<MatrixCase, Task<bool>> run) => new(typeof(TMessage), AboutFollowUp: true, NeedsClosedFollowUp: false, run);

    private static MessageSpec PerRole<TMessage>(Func<MatrixCase, Task<bool>> run) => new(typeof(TMessage), AboutFollowUp: false, NeedsClosedFollowUp: false, run);
}
