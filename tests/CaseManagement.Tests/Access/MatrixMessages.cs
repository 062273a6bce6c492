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
        // No subject: the command names no agency, it registers into the acting user's own. Carried out means: the
        // person is in that agency's register, and a case worker of the other agency does not find them.
        PerRole<RegisterPerson>(async c =>
        {
            var familyName = PersonTestData.UniqueWord();
            var id = (await c.H.SendAsync(c.UserId, PersonTestData.Adult("Matrise", familyName, withNumber: false))).Id;
            var agency = await c.H.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Persons.Where(p => p.Id == id).Select(p => p.AgencyId), TestContext.Current.CancellationToken));
            var otherAgency = c.Layout.Place(SubjectRelation.SubjectOtherAgency);
            var outsider = await c.Site.UserAsync(otherAgency.CaseRole, otherAgency.UnitId);
            var foundOutside = (await c.H.SendAsync(outsider, new FindPersons(Name: familyName, PageSize: 100))).Items.Any(p => p.Id == id);
            return agency == c.Layout.AgencyId && !foundOutside;
        }),
        PerRole<ListLegalBases>(async c => (await c.H.SendAsync(c.UserId, new ListLegalBases())).Count > 0),
        PerRole<CaseManagement.Application.Features.Privacy.VerifyAuditChains>(async c =>
        {
            // The web host seals in the background; the harness does it here.
            await c.H.SealAsync();
            return (await c.H.SendAsync(c.UserId, new CaseManagement.Application.Features.Privacy.VerifyAuditChains())).All(r => r.Intact);
        }),
        PerRole<CaseManagement.Application.Features.WorkSurfaces.GetMyCapabilities>(async c =>
            (await c.H.SendAsync(c.UserId, new CaseManagement.Application.Features.WorkSurfaces.GetMyCapabilities())).Capabilities.Contains(Capability.ReadOrganisation)),
    }
        // One line per group of messages kept in its own file, so that merges touch one line each.
        .Concat(PlanMatrixMessages.All)
        .Concat(MentorMatrixMessages.All)
        .Concat(SubjectMatrixMessages.All)
        .Concat(InvitationMatrixMessages.All)
        .Concat(UserAccountMatrixMessages.All)
        .Concat(ClientMatrixMessages.All)
        .Concat(ReferenceDataMatrixMessages.All)
        .Concat(RecertificationMatrixMessages.All)
        .ToDictionary(s => s.Name);

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
