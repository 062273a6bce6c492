using CaseManagement.Application.Features.Administration;
using CaseManagement.Application.Features.Conversations;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.Organisation;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using CaseManagement.Tests.Features.Conversations;
using CaseManagement.Tests.Features.Persons;

namespace CaseManagement.Tests.Access;

/// <summary>
/// A factory per message type: a valid message for the case (the follow-up under test, its person, its consent and
/// disclosure…), sent as the case's user. A new message type needs an entry here and rows in the table.
/// </summary>
public static class MatrixMessages
{
    public static readonly IReadOnlyDictionary<string, MessageSpec> Specs = new MessageSpec[]
    {
        // Follow-ups
        AboutFollowUp<GetFollowUp>(async c => (await c.H.SendAsync(c.UserId, new GetFollowUp(c.S.FollowUpId))).Id == c.S.FollowUpId),
        AboutFollowUp<ListFollowUps>(async c =>
            (await c.H.SendAsync(c.UserId, new ListFollowUps(PersonId: c.S.PersonId, PageSize: 100))).Items.Any(f => f.Id == c.S.FollowUpId)),
        AboutFollowUp<OpenFollowUp>(
            async c => (await c.H.SendAsync(c.UserId, new OpenFollowUp(c.S.PersonId, ConcernSource.OtherAgency))).Id != Guid.Empty,
            needsClosedFollowUp: true),
        AboutFollowUp<CloseFollowUp>(async c =>
            (await c.H.SendAsync(c.UserId, new CloseFollowUp(c.S.FollowUpId, c.S.FollowUpVersion, CloseReason.GoalsReached, "Mål nådd."))).Id == c.S.FollowUpId),
        AboutFollowUp<AddTeamMember>(async c =>
            (await c.H.SendAsync(c.UserId, new AddTeamMember(c.S.FollowUpId, c.S.CandidateId, TeamRole.Member))).FollowUpId == c.S.FollowUpId),
        AboutFollowUp<FindColleagues>(async c =>
            (await c.H.SendAsync(c.UserId, new FindColleagues(c.S.FollowUpId))).All(colleague => colleague.UserId != c.UserId)),
        AboutFollowUp<RemoveTeamMember>(async c =>
            (await c.H.SendAsync(c.UserId, new RemoveTeamMember(c.S.FollowUpId, c.S.MemberId))).FollowUpId == c.S.FollowUpId),
        AboutFollowUp<RequestEmergencyAccess>(async c =>
        {
            var code = await c.Site.CurrentCodeAsync(c.UserId);
            var granted = await c.H.SendAsync(c.UserId, new RequestEmergencyAccess(c.S.FollowUpId, "Akutt fare for liv, ansvarlig er ikke å nå.", code));
            return granted.ExpiresAt == c.Now + EmergencyAccess.MaxDuration;
        }),

        // Sharing
        AboutFollowUp<RecordConsent>(async c =>
            (await c.H.SendAsync(c.UserId, new RecordConsent(
                c.S.FollowUpId, ConsentGiver.Person, c.Layout.BystanderUnit, RecordKinds.FollowUp, "Samarbeid om oppfølging", ConsentMethod.Written, c.Now))).Id != Guid.Empty),
        AboutFollowUp<WithdrawConsent>(async c =>
            (await c.H.SendAsync(c.UserId, new WithdrawConsent(c.S.FollowUpId, c.S.BystanderConsentId))).Id == c.S.BystanderConsentId),
        AboutFollowUp<GrantDisclosure>(async c =>
            (await c.H.SendAsync(c.UserId, new GrantDisclosure(
                c.S.FollowUpId, c.Layout.BystanderUnit, RecordKinds.FollowUp, "Samarbeid", c.Now, c.Now.AddDays(30), ConsentId: c.S.BystanderConsentId))).Id != Guid.Empty),
        AboutFollowUp<EndDisclosure>(async c =>
            (await c.H.SendAsync(c.UserId, new EndDisclosure(c.S.FollowUpId, c.S.BystanderDisclosureId))).Id == c.S.BystanderDisclosureId),

        // Persons, relative to the follow-up's person
        AboutFollowUp<GetPerson>(async c => (await c.H.SendAsync(c.UserId, new GetPerson(c.S.PersonId))).Id == c.S.PersonId),
        AboutFollowUp<FindPersons>(async c =>
            (await c.H.SendAsync(c.UserId, new FindPersons(Name: c.S.FamilyName, PageSize: 100))).Items.Any(p => p.Id == c.S.PersonId)),
        AboutFollowUp<CorrectPersonDetails>(async c =>
            (await c.H.SendAsync(c.UserId, new CorrectPersonDetails(
                c.S.PersonId, c.S.PersonVersion, c.S.GivenName, c.S.FamilyName, c.S.DateOfBirth, null, Phone: "+47 900 00 001"))).Id == c.S.PersonId),

        // Conversations (tiltak 13): the conversation under test is written straight into the scenario's follow-up.
        AboutFollowUp<RegisterConversation>(async c =>
            (await c.H.SendAsync(c.UserId, new RegisterConversation(c.S.FollowUpId, ConversationKind.Concern, c.H.Today, ConcernSource.School, "Bekymring fra skolen."))).Id != Guid.Empty),
        AboutFollowUp<SaveConversationPreparation>(async c =>
        {
            var (id, version) = await c.H.InsertConversationAsync(c.S.FollowUpId, c.S.LeadId, ConversationState.Assessed);
            return (await c.H.SendAsync(c.UserId, new SaveConversationPreparation(
                id, version, c.H.Today, AttendanceTrack.Voluntary, false, [new ParticipantInput("Matrise Person", ParticipantCapacity.Person)]))).Id == id;
        }),
        AboutFollowUp<SaveConversationRecord>(async c =>
        {
            var (id, version) = await c.H.InsertConversationAsync(c.S.FollowUpId, c.S.LeadId, ConversationState.Held);
            return (await c.H.SendAsync(c.UserId, new SaveConversationRecord(id, version, c.H.Today, true, true, true, [new LifeAreaInput(LifeArea.Online, 2, 1)]))).Id == id;
        }),
        AboutFollowUp<SaveConversationConclusion>(async c =>
        {
            var (id, version) = await c.H.InsertConversationAsync(c.S.FollowUpId, c.S.LeadId, ConversationState.Held);
            return (await c.H.SendAsync(c.UserId, new SaveConversationConclusion(id, version, ConcernLevel.Low, ConversationConclusion.NoFurtherConcern))).Id == id;
        }),
        AboutFollowUp<MoveConversation>(async c =>
        {
            var (id, version) = await c.H.InsertConversationAsync(c.S.FollowUpId, c.S.LeadId, ConversationState.Registered);
            return (await c.H.SendAsync(c.UserId, new MoveConversation(id, version, ConversationState.Assessed))).Id == id;
        }),
        AboutFollowUp<AddAgreement>(async c =>
        {
            var (id, _) = await c.H.InsertConversationAsync(c.S.FollowUpId, c.S.LeadId, ConversationState.Held);
            return (await c.H.SendAsync(c.UserId, new AddAgreement(id, "Møter på skolen.", AgreementResponsible.Person, c.H.Today.AddDays(14)))).Id != Guid.Empty;
        }),
        AboutFollowUp<ReviewAgreement>(async c =>
        {
            var (id, _) = await c.H.InsertConversationAsync(c.S.FollowUpId, c.S.LeadId, ConversationState.Held);
            var (agreementId, version) = await c.H.InsertAgreementAsync(id, c.S.FollowUpId, c.S.LeadId, c.H.Today);
            return (await c.H.SendAsync(c.UserId, new ReviewAgreement(agreementId, version, AgreementStatus.Kept, "Overholdt."))).Id != Guid.Empty;
        }),
        AboutFollowUp<ReferFromConversation>(async c =>
        {
            var (id, _) = await c.H.InsertConversationAsync(c.S.FollowUpId, c.S.LeadId, ConversationState.Concluded, withConclusion: true);
            var coordinatorUnit = await CoordinatorUnitOfOtherAgencyAsync(c);
            return (await c.H.SendAsync(c.UserId, new ReferFromConversation(id, ReferralTarget.Mentor, coordinatorUnit, LegalBasisCode: "fvl-13b-7"))).Id != Guid.Empty;
        }),
        AboutFollowUp<GetConversation>(async c =>
        {
            var (id, _) = await c.H.InsertConversationAsync(c.S.FollowUpId, c.S.LeadId, ConversationState.Registered);
            return (await c.H.SendAsync(c.UserId, new GetConversation(id))).Id == id;
        }),
        AboutFollowUp<ListConversations>(async c =>
        {
            var (id, _) = await c.H.InsertConversationAsync(c.S.FollowUpId, c.S.LeadId, ConversationState.Registered);
            return (await c.H.SendAsync(c.UserId, new ListConversations(c.S.FollowUpId))).Conversations.Any(x => x.Id == id);
        }),
        AboutFollowUp<ListConversationWork>(async c =>
        {
            var (id, _) = await c.H.InsertConversationAsync(c.S.FollowUpId, c.S.LeadId, ConversationState.Registered, date: c.H.Today.AddYears(-5));
            return (await c.H.SendAsync(c.UserId, new ListConversationWork(PageSize: 100))).Items.Any(x => x.Id == id);
        }),
        AboutFollowUp<DecideReferral>(async c =>
        {
            // Addressed to the other agency's unit, where the disclosed relations' users work.
            var (id, _) = await c.H.InsertConversationAsync(c.S.FollowUpId, c.S.LeadId, ConversationState.Concluded, withConclusion: true);
            var referralId = await c.H.WithDbAsync(async db =>
            {
                var referral = Referral.Make(Guid.CreateVersion7(), id, c.S.FollowUpId, ReferralTarget.Mentor, c.Layout.OtherAgencyUnit, null, null, c.S.BystanderDisclosureId, null, c.S.LeadId, c.Now);
                db.Referrals.Add(referral);
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
                return referral.Id;
            });
            return (await c.H.SendAsync(c.UserId, new DecideReferral(referralId, true))).Status == ReferralStatus.Accepted;
        }),
        // Work surfaces
        AboutFollowUp<CaseManagement.Application.Features.WorkSurfaces.GetPersonTimeline>(async c =>
            (await c.H.SendAsync(c.UserId, new CaseManagement.Application.Features.WorkSurfaces.GetPersonTimeline(c.S.PersonId, PageSize: 100))).Events
                .Any(e => e.FollowUpId == c.S.FollowUpId && e.Kind == CaseManagement.Application.WorkSurfaces.TimelineKind.FollowUpOpened)),

        // Not about a follow-up: one answer per role
        PerRole<RegisterPerson>(async c => (await c.H.SendAsync(c.UserId, PersonTestData.Adult("Matrise", PersonTestData.UniqueWord(), withNumber: false))).Id != Guid.Empty),
        PerRole<ListUnits>(async c => (await c.H.SendAsync(c.UserId, new ListUnits())).Count > 0),
        PerRole<ListLegalBases>(async c => (await c.H.SendAsync(c.UserId, new ListLegalBases())).Count > 0),
        PerRole<CaseManagement.Application.Features.Privacy.VerifyAuditChains>(async c =>
        {
            // The web host seals in the background; the harness does it here.
            await c.H.SealAsync();
            return (await c.H.SendAsync(c.UserId, new CaseManagement.Application.Features.Privacy.VerifyAuditChains())).All(r => r.Intact);
        }),
        // A person of the actor's own agency: a privacy officer oversees only their own agency (ADR-018).
        PerRole<CaseManagement.Application.Features.Privacy.AccessReportForPerson>(async c =>
            (await c.H.SendAsync(c.UserId, new CaseManagement.Application.Features.Privacy.AccessReportForPerson(
                (await CaseManagement.Tests.Features.Privacy.PrivacyTestData.PersonsAsync(c.H, c.Layout.AgencyId)).Single()))).TotalCount == 0),
        PerRole<CaseManagement.Application.Features.Privacy.AccessReviewQueue>(async c =>
            (await c.H.SendAsync(c.UserId, new CaseManagement.Application.Features.Privacy.AccessReviewQueue(c.Now.AddDays(-7), c.Now.AddMinutes(1)))).TotalCount >= 0),
        PerRole<ListWaitingReferrals>(async c => (await c.H.SendAsync(c.UserId, new ListWaitingReferrals())).TotalCount >= 0),
        PerRole<CaseManagement.Application.Features.WorkSurfaces.ListMyDueItems>(async c =>
            (await c.H.SendAsync(c.UserId, new CaseManagement.Application.Features.WorkSurfaces.ListMyDueItems())).TotalCount >= 0),
        PerRole<CaseManagement.Application.Features.WorkSurfaces.GetMyCapabilities>(async c =>
            (await c.H.SendAsync(c.UserId, new CaseManagement.Application.Features.WorkSurfaces.GetMyCapabilities())).Capabilities.Contains(Capability.ReadOrganisation)),
        PerRole<ListUsers>(async c => (await c.H.SendAsync(c.UserId, new ListUsers(PageSize: 10))).TotalCount > 0),
        PerRole<SetUserDisabled>(async c =>
        {
            var target = await c.H.CreateUserAsync(Role.CaseWorker, c.Layout.OwnerUnit);
            return (await c.H.SendAsync(c.UserId, new SetUserDisabled(target, true))).Id == target;
        }),
        PerRole<SetUserRoles>(async c =>
        {
            var target = await c.H.CreateUserAsync(Role.CaseWorker, c.Layout.OwnerUnit);
            return (await c.H.SendAsync(c.UserId, new SetUserRoles(target, [Role.FamilyGuide]))).Id == target;
        }),
        PerRole<CaseManagement.Application.Features.Privacy.SearchAudit>(async c =>
            (await c.H.SendAsync(c.UserId, new CaseManagement.Application.Features.Privacy.SearchAudit(From: c.Now.AddDays(-1)))).TotalCount >= 0),
        PerRole<CaseManagement.Application.Features.Privacy.ChangeHistoryForPerson>(async c =>
            (await c.H.SendAsync(c.UserId, new CaseManagement.Application.Features.Privacy.ChangeHistoryForPerson(
                (await CaseManagement.Tests.Features.Privacy.PrivacyTestData.PersonsAsync(c.H, c.Layout.AgencyId)).Single()))).TotalCount >= 0),
        PerRole<SetUserPersonalDetails>(async c =>
        {
            var target = await c.H.CreateUserAsync(Role.CaseWorker, c.Layout.OwnerUnit);
            return (await c.H.SendAsync(c.UserId, new SetUserPersonalDetails(target, null, "Hansen", "Storgata 1"))).Id == target;
        }),
        PerRole<CaseManagement.Application.Features.Privacy.MarkAccessReviewed>(async c =>
        {
            // Someone else's emergency access to a follow-up of the actor's own agency (ADR-018), waiting for review.
            var owner = await c.H.CreateUserAsync(c.Layout.Owner == Owner.Police ? Role.PolicePreventionOfficer : Role.CaseWorker, c.Layout.OwnerUnit);
            var person = await c.H.RegisterAsync(owner, PersonTestData.Adult("Matrise", PersonTestData.UniqueWord(), withNumber: false));
            var followUp = (await c.H.SendAsync(owner, new OpenFollowUp(person, ConcernSource.OtherAgency))).Id;
            var grantee = await c.H.CreateUserAsync(Role.PolicePreventionOfficer, c.Layout.OwnerUnit);
            var grant = Guid.CreateVersion7();
            await c.H.WithDbAsync(async db =>
            {
                db.EmergencyAccesses.Add(EmergencyAccess.Grant(grant, grantee, followUp, "Akutt fare for liv, ansvarlig er ikke å nå.", c.Now));
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            });
            return (await c.H.SendAsync(c.UserId, new CaseManagement.Application.Features.Privacy.MarkAccessReviewed(grant, "Vurdert og i orden."))).EmergencyAccessId == grant;
        }),
    }.Concat(PlanMatrixMessages.All).Concat(MentorMatrixMessages.All).ToDictionary(s => s.Name);

    /// <summary>
    /// The prevention coordinator's unit of the agency that does not own the follow-up. The demo organisation has one
    /// only in the municipality, so for a municipal follow-up a police coordination unit is made (once per harness).
    /// </summary>
    private static async Task<Guid> CoordinatorUnitOfOtherAgencyAsync(MatrixCase c)
    {
        if (c.Layout.Owner == Owner.Police)
        {
            return Infrastructure.DemoData.Slt;
        }

        return await c.H.WithDbAsync(async db =>
        {
            var existing = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                db.Units.Where(u => u.AgencyId == Infrastructure.DemoData.PoliceDistrict && u.Kind == UnitKind.PreventionCoordination),
                TestContext.Current.CancellationToken);
            if (existing is not null)
            {
                return existing.Id;
            }

            var unit = new Unit(Guid.CreateVersion7(), Infrastructure.DemoData.PoliceDistrict, "Politiets forebyggingskoordinator", UnitKind.PreventionCoordination);
            db.Units.Add(unit);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return unit.Id;
        });
    }

    private static MessageSpec AboutFollowUp<TMessage>(Func<MatrixCase, Task<bool>> run, bool needsClosedFollowUp = false) =>
        new(typeof(TMessage), AboutFollowUp: true, needsClosedFollowUp, run);

    private static MessageSpec PerRole<TMessage>(Func<MatrixCase, Task<bool>> run) =>
        new(typeof(TMessage), AboutFollowUp: false, NeedsClosedFollowUp: false, run);
}
