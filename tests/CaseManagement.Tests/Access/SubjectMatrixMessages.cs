using CaseManagement.Application.Features.Administration;
using CaseManagement.Application.Features.Alerts;
using CaseManagement.Application.Features.Conversations;
using CaseManagement.Application.Features.Families;
using CaseManagement.Application.Features.Mentors;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Features.Plans;
using CaseManagement.Application.Features.Privacy;
using CaseManagement.Application.Features.WorkSurfaces;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.Families;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Groups;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using CaseManagement.Tests.Features.Conversations;
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
            // With a session attended by a family whose follow-up the acting user is on the team of, so that the
            // read has a person to log (ReadPathAccessLogTests).
            var group = await SubjectGroupAsync(c);
            await AttendedSessionAsync(c, group);
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

        // Work surfaces (ADR-025). Referrals: a waiting referral to the subject's unit, from a follow-up of the other
        // agency disclosed to that unit; only the receiving unit's inbox lists it (AccessDecision.ReferralsForRecipient).
        AboutSubject<ListWaitingReferrals>(async c =>
        {
            var referral = await SubjectReferralAsync(c);
            return (await c.H.SendAsync(c.UserId, new ListWaitingReferrals(PageSize: 100))).Items.Any(r => r.Id == referral);
        }),

        // Due items: a consent running out in ten days on a follow-up of the subject's agency, led from the subject's
        // unit, with the acting user on its team. The team ground holds only in the follow-up's own agency.
        AboutSubject<ListMyDueItems>(async c =>
        {
            var consent = await SubjectExpiringConsentAsync(c);
            return (await c.H.SendAsync(c.UserId, new ListMyDueItems(PageSize: 100))).Items.Any(i => i.SourceId == consent);
        }),

        // Participation by consent: the acting user's own plan and group (follow-up of the subject's agency, led from
        // the subject's unit) are listed, and a colleague's plan in that unit is not.
        AboutSubject<MyPlansAndGroups>(async c =>
        {
            var (plan, group, colleaguesPlan) = await SubjectParticipationAsync(c);
            var listed = (await c.H.SendAsync(c.UserId, new MyPlansAndGroups())).Select(i => i.Id).ToHashSet();
            return listed.Contains(plan) && listed.Contains(group) && !listed.Contains(colleaguesPlan);
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
    internal static Task<Guid> SubjectWorkerAsync(MatrixCase c) =>
        c.Site.SubjectAsync("worker", c.P.UnitId, () => c.H.CreateUserAsync(c.P.CaseRole, c.P.UnitId));

    private static async Task<Guid> SubjectGroupAsync(MatrixCase c)
    {
        var worker = await SubjectWorkerAsync(c);
        return await c.Site.SubjectAsync("group", c.P.UnitId, () => c.H.GroupAsync(c.P.UnitId, worker));
    }

    /// <summary>A session of the group attended by the family of a fresh follow-up of the subject's agency, with the acting user on its team.</summary>
    private static async Task AttendedSessionAsync(MatrixCase c, Guid group)
    {
        var worker = await SubjectWorkerAsync(c);
        var (person, followUp) = await c.H.FollowUpAsync(c.P.AgencyId, worker, (c.UserId, TeamRole.Member));
        var (course, _, _) = await c.H.CourseAsync(followUp, person, worker);
        await c.H.WithDbAsync(async db =>
        {
            var session = GroupSession.Record(Guid.CreateVersion7(), group, c.H.Today(), "Grensesetting.", null, worker, c.Now);
            var attended = await db.FamilyGuidanceCourses.SingleAsync(x => x.Id == course, Ct);
            db.AddRange(session, GroupAttendance.Of(session.Id, attended));
            await db.SaveChangesAsync(Ct);
            return session.Id;
        });
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

    /// <summary>The agency that is not the subject's, and a unit of it that is not the acting user's.</summary>
    private static (Guid Agency, Guid Unit) Counterpart(MatrixCase c)
    {
        var other = OwnerLayout.Of(c.Layout.Owner == Owner.Police ? Owner.Municipality : Owner.Police);
        return c.P.AgencyId == c.Layout.AgencyId ? (other.AgencyId, c.Layout.OtherAgencyUnit) : (c.Layout.AgencyId, c.Layout.SameAgencyUnit);
    }

    /// <summary>
    /// A waiting referral to the subject's unit, with the disclosure that lets that unit read the follow-up: the
    /// follow-up is the other agency's (referrals cross agencies), so no team ground mixes in. Written straight to the
    /// database: the referring command can address only the other agency's coordinator unit. For another unit's
    /// referral the follow-up is disclosed to the acting user's unit as well.
    /// </summary>
    private static Task<Guid> SubjectReferralAsync(MatrixCase c) =>
        c.Site.SubjectAsync("referral to a user of " + c.Layout.Owner, c.P.UnitId, async () =>
        {
            var (agency, unit) = Counterpart(c);
            var referrer = await c.Site.SubjectAsync("referrer", unit, () => c.H.CreateUserAsync(agency == Infrastructure.DemoData.PoliceDistrict ? Role.PolicePreventionOfficer : Role.PreventionCoordinator, unit));
            var (_, followUp) = await c.H.FollowUpAsync(agency, referrer);
            var (conversation, _) = await c.H.InsertConversationAsync(followUp, referrer, ConversationState.Concluded, withConclusion: true);
            var legalBasis = OwnerLayout.Of(agency == Infrastructure.DemoData.PoliceDistrict ? Owner.Police : Owner.Municipality).LegalBasisId;
            return await c.H.WithDbAsync(async db =>
            {
                var disclosure = Disclosure.Grant(
                    Guid.CreateVersion7(), followUp, c.P.UnitId, RecordKinds.FollowUp | RecordKinds.Conversations, null, legalBasis, "Henvisning",
                    c.Now.AddDays(-1), c.Now.AddDays(90), referrer, c.Now.AddDays(-1));
                var referral = Referral.Make(Guid.CreateVersion7(), conversation, followUp, ReferralTarget.Mentor, c.P.UnitId, null, legalBasis, disclosure.Id, null, referrer, c.Now);
                db.AddRange(disclosure, referral);
                if (c.P.UnitId != c.Layout.OwnerUnit)
                {
                    // The acting user's unit may read the follow-up too, so only the inbox's own filter (referrals TO
                    // the user's unit) keeps another unit's referral out.
                    db.Add(Disclosure.Grant(
                        Guid.CreateVersion7(), followUp, c.Layout.OwnerUnit, RecordKinds.FollowUp, null, legalBasis, "Samarbeid",
                        c.Now.AddDays(-1), c.Now.AddDays(90), referrer, c.Now.AddDays(-1)));
                }

                await db.SaveChangesAsync(Ct);
                return referral.Id;
            });
        });

    /// <summary>A fresh follow-up of the subject's agency led from the subject's unit, the acting user on its team, with a consent that runs out in ten days.</summary>
    private static async Task<Guid> SubjectExpiringConsentAsync(MatrixCase c)
    {
        var worker = await SubjectWorkerAsync(c);
        var (person, followUp) = await c.H.FollowUpAsync(c.P.AgencyId, worker, (c.UserId, TeamRole.Member));
        return await c.H.WithDbAsync(async db =>
        {
            var consent = Consent.Record(
                Guid.CreateVersion7(), person, followUp, ConsentGiver.Person, null, c.Layout.BystanderUnit, RecordKinds.FollowUp, "Samarbeid",
                ConsentMethod.Written, false, c.Now.AddDays(-80), c.Now.AddDays(10), worker, c.Now.AddDays(-80));
            db.Consents.Add(consent);
            await db.SaveChangesAsync(Ct);
            return consent.Id;
        });
    }

    /// <summary>
    /// A plan and a group on fresh follow-ups of the subject's agency led from the subject's unit, with the acting
    /// user taking part by consent; and (once per unit) a plan in which a colleague of that unit takes part instead.
    /// </summary>
    private static async Task<(Guid Plan, Guid Group, Guid ColleaguesPlan)> SubjectParticipationAsync(MatrixCase c)
    {
        var worker = await SubjectWorkerAsync(c);
        var colleague = await c.Site.SubjectAsync("participant", c.P.UnitId, () => c.H.CreateUserAsync(c.P.CaseRole, c.P.UnitId));
        var colleaguesPlan = await c.Site.SubjectAsync("colleague's plan", c.P.UnitId, () => ParticipationPlanAsync(c, worker, colleague));
        var plan = await ParticipationPlanAsync(c, worker, c.UserId);
        var (person, followUp) = await c.H.FollowUpAsync(c.P.AgencyId, worker);
        var group = await c.H.WithDbAsync(async db =>
        {
            var g = new ResponsibilityGroup(Guid.CreateVersion7(), followUp, person, worker, ConsentGiver.Person, c.H.Today(), c.Now);
            db.AddRange(g, new GroupMember(Guid.CreateVersion7(), g.Id, ParticipantKind.Service, "Tjenesten", c.UserId, "Deltaker", "Alt", c.Now.AddDays(-1), c.Now.AddDays(90)));
            await db.SaveChangesAsync(Ct);
            return g.Id;
        });
        return (plan, group, colleaguesPlan);
    }

    private static async Task<Guid> ParticipationPlanAsync(MatrixCase c, Guid coordinator, Guid participant)
    {
        var (person, followUp) = await c.H.FollowUpAsync(c.P.AgencyId, coordinator);
        return await c.H.WithDbAsync(async db =>
        {
            var today = c.H.Today();
            var plan = IndividualPlan.Create(
                Guid.CreateVersion7(), followUp, person, coordinator, ConsentGiver.Person, null, today,
                new PlanContent("Egne mål", null, null, null, today, today.AddMonths(6), today.AddMonths(2)), coordinator, c.Now);
            var taking = new PlanParticipant(Guid.CreateVersion7(), plan.Id, ParticipantKind.Service, "Skolen", participant, null);
            taking.RecordConsent("Hele planen", c.Now.AddDays(-1), c.Now.AddDays(90));
            db.AddRange(plan, taking);
            await db.SaveChangesAsync(Ct);
            return plan.Id;
        });
    }

    internal static MessageSpec AboutSubject<TMessage>(Func<MatrixCase, Task<bool>> run) =>
        new(typeof(TMessage), AboutFollowUp: false, NeedsClosedFollowUp: false, run, AboutSubject: true);
}

/// <summary>
/// Invitations (ADR-026), kept apart from <see cref="SubjectMatrixMessages"/> for merging: CreateUser in the subject's
/// unit, and ResendInvitation / RevokeInvitation for an invited (not yet activated) user of that unit.
/// </summary>
public static class InvitationMatrixMessages
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IEnumerable<MessageSpec> All =>
    [
        SubjectMatrixMessages.AboutSubject<CreateUser>(async c =>
        {
            var userName = "ny-" + Guid.CreateVersion7().ToString("N");
            var created = await c.H.SendAsync(c.UserId, new CreateUser(userName, "Ny Bruker", c.P.UnitId, [c.P.CaseRole], userName + "@test.invalid"));
            return await c.H.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == created.Id && u.UnitId == c.P.UnitId && u.AwaitingActivation, Ct));
        }),
        SubjectMatrixMessages.AboutSubject<ResendInvitation>(async c =>
        {
            var target = await InvitedUserAsync(c);
            return (await c.H.SendAsync(c.UserId, new ResendInvitation(target))).UserId == target;
        }),
        SubjectMatrixMessages.AboutSubject<RevokeInvitation>(async c =>
        {
            var target = await InvitedUserAsync(c);
            return (await c.H.SendAsync(c.UserId, new RevokeInvitation(target))).Id == target;
        }),
    ];

    /// <summary>A user of the subject's unit who has not activated their account, with an open invitation.</summary>
    private static Task<Guid> InvitedUserAsync(MatrixCase c) =>
        c.Site.SubjectAsync("invited user", c.P.UnitId, async () =>
        {
            var id = await c.H.CreateUserAsync(c.P.CaseRole, c.P.UnitId);
            await c.H.WithDbAsync(async db =>
            {
                var user = await db.Users.SingleAsync(u => u.Id == id, Ct);
                user.AwaitingActivation = true;
                db.UserInvitations.Add(UserInvitation.Issue(Guid.CreateVersion7(), id, Convert.ToHexString(Guid.NewGuid().ToByteArray()).PadRight(64, '0'), id, c.Now));
                await db.SaveChangesAsync(Ct);
            });
            return id;
        });
}
