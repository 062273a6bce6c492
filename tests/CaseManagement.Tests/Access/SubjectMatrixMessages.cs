using CaseManagement.Application.Features.Administration;
using CaseManagement.Application.Features.Alerts;
using CaseManagement.Application.Features.Families;
using CaseManagement.Application.Features.Mentors;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Features.Privacy;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Tests.Features.Mentors;
using CaseManagement.Tests.Features.Persons;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Access;

/// <summary>
/// The messages not about a follow-up that have a subject of their own: a user to administer, a unit, a mentor, a
/// group, a person whose log is reviewed, an alert. Each is run against a REAL subject in the acting user's own unit,
/// in another unit of the same agency and in the other agency (<see cref="SubjectRelation"/>), so a row can fail when a
/// handler forgets its scope: random ids would prove only the role gate.
/// </summary>
public static class SubjectMatrixMessages
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IEnumerable<MessageSpec> All =>
    [
        // Reference data: the whole organisation, for pickers (disclosures and referrals go to the other agency).
        AboutSubject<ListUnits>(async c => (await c.H.SendAsync(c.UserId, new ListUnits())).Any(u => u.Id == c.P.UnitId)),

        // Administration: the target is a user of the subject's unit with a role of its agency.
        AboutSubject<ListUsers>(async c =>
        {
            var (target, userName) = await TargetUserAsync(c);
            return (await c.H.SendAsync(c.UserId, new ListUsers(userName, PageSize: 10))).Items.Any(u => u.Id == target);
        }),
        AboutSubject<SetUserDisabled>(async c =>
        {
            var (target, _) = await TargetUserAsync(c);
            return (await c.H.SendAsync(c.UserId, new SetUserDisabled(target, true))).Id == target;
        }),
        AboutSubject<SetUserRoles>(async c =>
        {
            var (target, _) = await TargetUserAsync(c);
            return (await c.H.SendAsync(c.UserId, new SetUserRoles(target, [c.P.CaseRole]))).Id == target;
        }),
        AboutSubject<SetUserPersonalDetails>(async c =>
        {
            var (target, _) = await TargetUserAsync(c);
            return (await c.H.SendAsync(c.UserId, new SetUserPersonalDetails(target, null, "Hansen", "Storgata 1"))).Id == target;
        }),
        AboutSubject<UnlockUser>(async c =>
        {
            var (target, _) = await TargetUserAsync(c);
            return (await c.H.SendAsync(c.UserId, new UnlockUser(target))).Id == target;
        }),
        AboutSubject<RequireReEnrolment>(async c =>
        {
            var (target, _) = await TargetUserAsync(c);
            return (await c.H.SendAsync(c.UserId, new RequireReEnrolment(target))).Id == target;
        }),

        // Mentor roster: a mentor of the subject's unit.
        AboutSubject<ListMentors>(async c =>
        {
            var mentor = await c.Site.SubjectAsync("mentor", c.P.UnitId, () => c.H.CreateUserAsync(Role.Mentor, c.P.UnitId));
            return (await c.H.SendAsync(c.UserId, new ListMentors())).Any(m => m.UserId == mentor);
        }),
        AboutSubject<SaveMentorProfile>(async c =>
        {
            var mentor = await c.H.CreateUserAsync(Role.Mentor, c.P.UnitId);
            return (await c.H.SendAsync(c.UserId, new SaveMentorProfile(mentor, c.H.Today().AddDays(-10), 3, c.UserId))).MentorUserId == mentor;
        }),

        // Parent and network groups: a group of the subject's unit.
        AboutSubject<ListFamilyGroups>(async c =>
        {
            var group = await SubjectGroupAsync(c);
            return (await c.H.SendAsync(c.UserId, new ListFamilyGroups())).Any(g => g.Id == group);
        }),
        AboutSubject<GetFamilyGroup>(async c =>
        {
            var group = await SubjectGroupAsync(c);
            return (await c.H.SendAsync(c.UserId, new GetFamilyGroup(group))).Id == group;
        }),

        // Privacy oversight: a person of the subject's agency, registered and read by a user of the subject's unit.
        AboutSubject<AccessReportForPerson>(async c =>
        {
            // Answered (not 404). Which entries the report holds is its own rule (entries by police users are left out
            // whatever the agency: politiregisterloven), tested in Features/Privacy and PrivacyApiTests.
            var person = await SubjectPersonAsync(c);
            return await c.H.SendAsync(c.UserId, new AccessReportForPerson(person)) is not null;
        }),
        AboutSubject<ChangeHistoryForPerson>(async c =>
        {
            var person = await SubjectPersonAsync(c);
            return (await c.H.SendAsync(c.UserId, new ChangeHistoryForPerson(person))).TotalCount > 0;
        }),
        AboutSubject<SearchAudit>(async c =>
        {
            var person = await SubjectPersonAsync(c);
            return (await c.H.SendAsync(c.UserId, new SearchAudit(PersonId: person))).TotalCount > 0;
        }),
        AboutSubject<AccessReviewQueue>(async c =>
        {
            var grant = await SubjectEmergencyAccessAsync(c);
            for (var page = 1; ; page++)
            {
                var queue = await c.H.SendAsync(c.UserId, new AccessReviewQueue(c.Now.AddDays(-7), c.Now.AddMinutes(1), page, 100));
                if (queue.Items.Any(i => i.EmergencyAccessId == grant))
                {
                    return true;
                }

                if (page >= queue.PageCount)
                {
                    return false;
                }
            }
        }),
        AboutSubject<MarkAccessReviewed>(async c =>
        {
            var grant = await SubjectEmergencyAccessAsync(c);
            return (await c.H.SendAsync(c.UserId, new MarkAccessReviewed(grant, "Vurdert og i orden."))).EmergencyAccessId == grant;
        }),

        // Alerts: the acting user is the recipient and on the team of a follow-up owned by the subject's agency, led
        // from the subject's unit.
        AboutSubject<ListMyAlerts>(async c =>
        {
            var alert = await SubjectAlertAsync(c);
            return (await c.H.SendAsync(c.UserId, new ListMyAlerts(PageSize: 100))).Items.Any(a => a.Id == alert);
        }),
        AboutSubject<CountMyUnhandledAlerts>(async c =>
        {
            var before = await c.H.SendAsync(c.UserId, new CountMyUnhandledAlerts());
            await SubjectAlertAsync(c);
            return await c.H.SendAsync(c.UserId, new CountMyUnhandledAlerts()) > before;
        }),
        AboutSubject<MarkAlertRead>(async c =>
        {
            var alert = await SubjectAlertAsync(c);
            return (await c.H.SendAsync(c.UserId, new MarkAlertRead(alert))).AlertId == alert;
        }),
        AboutSubject<HandleAlert>(async c =>
        {
            var alert = await SubjectAlertAsync(c);
            return (await c.H.SendAsync(c.UserId, new HandleAlert(alert, "Ringte mentor og vakthavende."))).AlertId == alert;
        }),
    ];

    /// <summary>The user an administrator acts on: one per unit, never an acting user of the matrix.</summary>
    private static Task<(Guid Id, string UserName)> TargetUserAsync(MatrixCase c) =>
        c.Site.SubjectAsync("target user", c.P.UnitId, async () =>
        {
            var id = await c.H.CreateUserAsync(c.P.CaseRole, c.P.UnitId);
            var userName = await c.H.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.UserName!).SingleAsync(Ct));
            return (id, userName);
        });

    /// <summary>A case worker of the subject's unit who does the subject's work (registers, reads, leads).</summary>
    private static Task<Guid> SubjectWorkerAsync(MatrixCase c) =>
        c.Site.SubjectAsync("worker", c.P.UnitId, () => c.H.CreateUserAsync(c.P.CaseRole, c.P.UnitId));

    private static async Task<Guid> SubjectGroupAsync(MatrixCase c)
    {
        var worker = await SubjectWorkerAsync(c);
        return await c.Site.SubjectAsync("group", c.P.UnitId, () => c.H.GroupAsync(c.P.UnitId, worker));
    }

    /// <summary>Registered and read through the pipeline: one change in the audit, one entry in the access log.</summary>
    private static async Task<Guid> SubjectPersonAsync(MatrixCase c)
    {
        var worker = await SubjectWorkerAsync(c);
        return await c.Site.SubjectAsync("person", c.P.UnitId, async () =>
        {
            var person = await c.H.RegisterAsync(worker, PersonTestData.Adult("Matrise", PersonTestData.UniqueWord(), withNumber: false));
            await c.H.SendAsync(worker, new GetPerson(person));
            return person;
        });
    }

    /// <summary>A fresh emergency access of a user of the subject's unit to a follow-up of the subject's agency, waiting for review.</summary>
    private static async Task<Guid> SubjectEmergencyAccessAsync(MatrixCase c)
    {
        var worker = await SubjectWorkerAsync(c);
        var (_, followUp) = await c.Site.SubjectAsync("follow-up", c.P.UnitId, () => c.H.FollowUpAsync(c.P.AgencyId, worker));
        var grantee = await c.Site.SubjectAsync("grantee", c.P.UnitId, () => c.H.CreateUserAsync(c.P.CaseRole, c.P.UnitId));
        var grant = Guid.CreateVersion7();
        await c.H.WithDbAsync(async db =>
        {
            db.EmergencyAccesses.Add(EmergencyAccess.Grant(grant, grantee, followUp, "Akutt fare for liv, ansvarlig er ikke å nå.", c.Now));
            await db.SaveChangesAsync(Ct);
        });
        return grant;
    }

    /// <summary>A fresh alert to the acting user about a follow-up of the subject's agency, led from the subject's unit, with the acting user on its team.</summary>
    private static async Task<Guid> SubjectAlertAsync(MatrixCase c)
    {
        var worker = await SubjectWorkerAsync(c);
        var (_, followUp) = await c.H.FollowUpAsync(c.P.AgencyId, worker, (c.UserId, TeamRole.Member));
        return await c.H.AlertOnAsync(followUp, worker, c.UserId);
    }

    private static MessageSpec AboutSubject<TMessage>(Func<MatrixCase, Task<bool>> run) =>
        new(typeof(TMessage), AboutFollowUp: false, NeedsClosedFollowUp: false, run, AboutSubject: true);
}
