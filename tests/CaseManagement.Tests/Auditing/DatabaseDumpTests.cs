using System.Diagnostics;
using System.Text;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Application.Features.Alerts;
using CaseManagement.Application.Features.Conversations;
using CaseManagement.Application.Features.Families;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Groups;
using CaseManagement.Application.Features.Mentors;
using CaseManagement.Application.Features.Plans;
using CaseManagement.Application.Features.Privacy;
using CaseManagement.Application.Protection;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.Families;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Mentors;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Domain;
using CaseManagement.Tests.Features.Conversations;
using CaseManagement.Tests.Features.Mentors;
using CaseManagement.Tests.Features.Plans;
using CaseManagement.Tests.Features.Privacy;
using CaseManagement.Tests.Support.Databases;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ConversationParticipantInput = CaseManagement.Application.Features.Conversations.ParticipantInput;
using FamilyParticipantInput = CaseManagement.Application.Features.Families.ParticipantInput;

namespace CaseManagement.Tests.Auditing;

/// <summary>
/// Issue 4 (R26): after the main flows of every record kind, a dump of the database (the SQLite file with its
/// journal; the real <c>pg_dump</c> for PostgreSQL) holds no identity number and no note text in plain text. Every
/// note field gets its own unique marker; a non-sensitive marker (the family name, a row id) must be found, so an
/// empty or unreadable dump cannot pass.
/// </summary>
public sealed class DatabaseDumpTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The secrets written through the flows, by field, and what a dump must still show.</summary>
    private sealed class Written
    {
        public Dictionary<string, string> Notes { get; } = [];

        public List<string> IdentityNumbers { get; } = [];

        public List<string> FamilyNames { get; } = [];

        public List<Guid> RowIds { get; } = [];

        /// <summary>Encrypted columns filled with texts of <see cref="Notes"/> (copies, such as a plan version's snapshot).</summary>
        public HashSet<string> Copies { get; } = [];

        /// <summary>A unique text for <paramref name="field"/>, remembered as a secret.</summary>
        public string Note(string field)
        {
            var text = $"Hemmelig-{field.Replace('.', '-')}-{Guid.NewGuid():N}";
            Notes.Add(field, text);
            return text;
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_dump_after_the_main_flows_of_every_record_kind_holds_no_identity_number_and_no_note(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var w = new Written();

        await FollowUpAndSharingAsync(h, w);
        await ConversationAsync(h, w);
        await PlanAndGroupAsync(h, w);
        await MentorFamilyAndAlertAsync(h, w);

        var dump = provider == DatabaseProvider.PostgreSql ? await PgDumpAsync(h) : SqliteFileBytes(h);

        // Not vacuous: the rows are there, with their plain (non-sensitive) columns.
        Assert.All(w.FamilyNames, name => Assert.True(Contains(dump, name), $"The dump does not hold the family name {name}: it is not a dump of these rows."));
        Assert.All(w.RowIds, id => Assert.True(
            Contains(dump, provider == DatabaseProvider.PostgreSql ? id.ToString() : id.ToString().ToUpperInvariant()), $"The dump does not hold the row id {id}."));

        var leaks = w.Notes.Where(n => Contains(dump, n.Value)).Select(n => n.Key)
            .Concat(w.IdentityNumbers.Where(n => Contains(dump, n)).Select(_ => "NationalIdentityNumber"))
            .ToList();
        Assert.True(leaks.Count == 0, "In plain text in the dump: " + string.Join(", ", leaks));
        // Every encrypted column of the model was written here, so a field marked later is dumped too or named below.
        var written = w.Notes.Keys.Concat(w.Copies).Append("Person.NationalIdentityNumber").Append("AppUser.NationalIdentityNumber").ToHashSet();
        var model = await h.WithDbAsync(db => Task.FromResult(db.Model));
        var notWritten = ProtectedColumns.All(model)
            .SelectMany(t => t.Properties.Select(p => $"{t.EntityType.ClrType.Name}.{p.Name}"))
            .Where(p => !written.Contains(p) && !NotWrittenHere.Contains(p))
            .ToList();
        Assert.True(notWritten.Count == 0, "Encrypted columns no flow of this test writes: " + string.Join(", ", notWritten));
    }

    /// <summary>
    /// Encrypted columns this test does not fill: they belong to the minor's and the ordered track of a conversation
    /// (another flow); the same converter covers them (EncryptionAtRestTests checks every [Sensitive] property has it).
    /// </summary>
    private static readonly HashSet<string> NotWrittenHere =
    [
        "Conversation.SuspicionNote", "Conversation.GuardiansOmittedReason", "Conversation.GuardiansAccount",
    ];

    private static bool Contains(byte[] dump, string text) => dump.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>A person with an identity number; consent and disclosure with reasons; a follow-up closed with a note.</summary>
    private static async Task FollowUpAndSharingAsync(CaseHarness h, Written w)
    {
        var lead = await h.MunicipalCaseWorkerAsync();
        // The lead's authenticator key (the TOTP secret), as enrolment stores it through Identity.
        var secret = w.Note("IdentityUserToken`1.Value");
        await h.WithServiceAsync<Microsoft.AspNetCore.Identity.IUserStore<AppUser>, bool>(async store =>
        {
            var user = await store.FindByIdAsync(lead.ToString(), TestContext.Current.CancellationToken);
            await ((Microsoft.AspNetCore.Identity.IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user!, secret, TestContext.Current.CancellationToken);
            await store.UpdateAsync(user!, TestContext.Current.CancellationToken);
            return true;
        });
        var c = await h.OpenCaseAsync(lead);
        w.IdentityNumbers.Add(c.NationalIdentityNumber);
        w.FamilyNames.Add(c.FamilyName);
        w.RowIds.Add(c.PersonId);

        var now = h.Clock.GetUtcNow();
        var consent = (await h.SendAsync(lead, new RecordConsent(
            c.FollowUpId, ConsentGiver.Person, AccessTestData.PoliceUnit, RecordKinds.FollowUp, w.Note("Consent.Purpose"), ConsentMethod.Written, now, null, null))).Id;
        await h.SendAsync(lead, new GrantDisclosure(
            c.FollowUpId, AccessTestData.PoliceUnit, RecordKinds.FollowUp, w.Note("Disclosure.Reason"), now, now.AddDays(90), ConsentId: consent));

        var version = (await h.SendAsync(lead, new GetFollowUp(c.FollowUpId))).Version;
        await h.SendAsync(lead, new CloseFollowUp(c.FollowUpId, version, CloseReason.GoalsReached, w.Note("FollowUp.CloseNote")));
    }

    /// <summary>A police conversation from registration to conclusion, with an agreement.</summary>
    private static async Task ConversationAsync(CaseHarness h, Written w)
    {
        var officer = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(officer);
        w.IdentityNumbers.Add(c.NationalIdentityNumber);
        w.FamilyNames.Add(c.FamilyName);

        var id = (await h.SendAsync(officer, new RegisterConversation(
            c.FollowUpId, ConversationKind.Concern, h.Today, ConcernSource.School, w.Note("Conversation.ConcernDescription")))).Id;
        w.RowIds.Add(id);
        await h.SendAsync(officer, new MoveConversation(id, await h.ConversationVersionAsync(id), ConversationState.Assessed));
        await h.SendAsync(officer, new SaveConversationPreparation(
            id, await h.ConversationVersionAsync(id), h.Today, AttendanceTrack.Voluntary, false,
            [new ConversationParticipantInput("Ola Nordmann", ParticipantCapacity.Person)],
            AssessmentNote: w.Note("Conversation.AssessmentNote"), PreparationNotes: w.Note("Conversation.PreparationNotes")));
        await h.SendAsync(officer, new MoveConversation(id, await h.ConversationVersionAsync(id), ConversationState.Invited));
        await h.SendAsync(officer, new MoveConversation(id, await h.ConversationVersionAsync(id), ConversationState.Prepared));
        await h.SendAsync(officer, new MoveConversation(id, await h.ConversationVersionAsync(id), ConversationState.Held));
        await h.SendAsync(officer, new SaveConversationRecord(
            id, await h.ConversationVersionAsync(id), h.Today, true, true, true,
            [new LifeAreaInput(LifeArea.Online, 3, 1, w.Note("LifeAreaAssessment.Note"))],
            ConsequencesInformation: w.Note("Conversation.ConsequencesInformation"), PersonAccount: w.Note("Conversation.PersonAccount")));
        await h.SendAsync(officer, new SaveConversationConclusion(
            id, await h.ConversationVersionAsync(id), ConcernLevel.Moderate, ConversationConclusion.Referral, w.Note("Conversation.ConclusionNote")));
        await h.SendAsync(officer, new MoveConversation(id, await h.ConversationVersionAsync(id), ConversationState.Concluded));
        var agreement = (await h.SendAsync(officer, new AddAgreement(id, w.Note("Agreement.Text"), AgreementResponsible.Person, h.Today.AddDays(14)))).Id;
        var agreementVersion = await h.WithDbAsync(async db => ConcurrencyTokens.Read(db.Entry(await db.Agreements.SingleAsync(a => a.Id == agreement, Ct))));
        await h.SendAsync(officer, new ReviewAgreement(agreement, agreementVersion, AgreementStatus.Active, w.Note("AgreementReview.Note"), h.Today.AddDays(30)));

        // A referral to the municipality's coordinators, who accept it.
        var referral = (await h.SendAsync(officer, new ReferFromConversation(
            id, ReferralTarget.Mentor, DemoData.Slt, LegalBasisCode: "fvl-13b-7", Note: w.Note("Referral.Note")))).Id;
        var coordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        await h.SendAsync(coordinator, new DecideReferral(referral, true, w.Note("Referral.DecisionNote")));

        // Emergency access by a colleague of another station, reviewed by the police district's privacy officer (ADR-018).
        var colleague = await h.PoliceOfficerAsync(AccessTestData.OtherPoliceUnit);
        var key = await Authenticator.EnrolAsync(h, colleague);
        var granted = await h.SendAsync(colleague, new RequestEmergencyAccess(c.FollowUpId, w.Note("EmergencyAccess.Reason"), Authenticator.CurrentCode(h, key)));
        var privacyOfficer = await h.PolicePrivacyOfficerAsync();
        await h.SendAsync(privacyOfficer, new MarkAccessReviewed(granted.Id, w.Note("EmergencyAccess.ReviewNote")));

        // A user's own details for the review of self-look-ups (ADR-011).
        var administrator = await h.AdministratorAsync();
        var userNumber = TestIdentityNumbers.Unique(new DateOnly(1985, 3, 14));
        w.IdentityNumbers.Add(userNumber);
        await h.SendAsync(administrator, new SetUserPersonalDetails(colleague, userNumber, "Hansen", w.Note("AppUser.HomeAddress")));
    }

    /// <summary>An individual plan (own goals, a goal, a measure with a progress note, a participant) and a responsibility group meeting with minutes.</summary>
    private static async Task PlanAndGroupAsync(CaseHarness h, Written w)
    {
        var lead = await h.MunicipalCaseWorkerAsync();
        var c = await h.OpenCaseAsync(lead);
        w.IdentityNumbers.Add(c.NationalIdentityNumber);
        w.FamilyNames.Add(c.FamilyName);

        var plan = (await h.SendAsync(lead, new CreatePlan(
            c.FollowUpId, lead, ConsentGiver.Person, h.Today, w.Note("IndividualPlan.PersonGoals"), h.Today, h.Today.AddMonths(12), h.Today.AddMonths(3),
            Resources: w.Note("IndividualPlan.Resources"), Needs: w.Note("IndividualPlan.Needs"), Cooperation: w.Note("IndividualPlan.Cooperation")))).Id;
        w.RowIds.Add(plan);
        var coordinator = await h.WithDbAsync(db => db.PlanParticipants.Where(p => p.PlanId == plan && p.UserId == lead).Select(p => p.Id).SingleAsync(Ct));
        var goal = (await h.SendAsync(lead, new SavePlanGoal(plan, w.Note("PlanGoal.Text")))).Id;
        var measure = (await h.SendAsync(lead, new SavePlanMeasure(
            plan, goal, w.Note("PlanMeasure.Description"), coordinator, "Kari Nordmann", h.Today, h.Today.AddDays(60), MeasureStatus.Planned,
            w.Note("PlanMeasure.Scope"), w.Note("PlanMeasure.HowCarriedOut")))).Id;
        await h.SendAsync(lead, new AddMeasureNote(plan, measure, w.Note("MeasureNote.Text")));
        await h.SendAsync(lead, new RecordPlanEvaluation(plan, h.Today, w.Note("PlanEvaluation.Summary"), h.Today.AddMonths(3)));
        var outsider = await h.OutsideCaseWorkerAsync();
        await h.SendAsync(lead, new AddPlanParticipant(
            plan, ParticipantKind.Service, "Barnevernet", w.Note("PlanParticipant.Contribution"), outsider, w.Note("PlanParticipant.ConsentScope"), h.Clock.GetUtcNow().AddDays(180)));
        // The approved version's snapshot repeats every text above.
        await h.SendAsync(lead, new ApprovePlanVersion(plan, (await h.SendAsync(lead, new GetPlan(plan))).Version));
        Assert.Equal(1, await h.WithDbAsync(db => db.PlanVersions.CountAsync(v => v.PlanId == plan, Ct)));
        w.Copies.Add("PlanVersion.Snapshot");

        var group = (await h.SendAsync(lead, new StartGroup(c.FollowUpId, lead, true, ConsentGiver.Person, h.Today))).Id;
        var member = (await h.SendAsync(lead, new AddGroupMember(
            group, ParticipantKind.Service, "Barnevernet", "Kontaktperson", true, w.Note("GroupMember.ConsentScope"), h.Clock.GetUtcNow().AddDays(180), outsider))).Id;
        var meeting = (await h.SendAsync(lead, new ScheduleMeeting(group, h.Clock.GetUtcNow().AddHours(-2), "Skole og fritid"))).Id;
        var meetingVersion = (await h.SendAsync(lead, new GetGroup(group))).Meetings.Single(m => m.Id == meeting).Version;
        await h.SendAsync(lead, new SaveMinutes(
            meeting, meetingVersion, w.Note("GroupMeeting.Agenda"), w.Note("GroupMeeting.Discussion"), [member], [], [w.Note("GroupAgreement.Text")], h.Clock.GetUtcNow().AddDays(30)));
        await h.SendAsync(lead, new AddGroupTask(meeting, w.Note("GroupTask.Text"), member, h.Today.AddDays(7)));
        await h.SendAsync(lead, new SendMinutes(meeting));
        await h.SendAsync(outsider, new CommentOnMinutes(meeting, w.Note("MinutesComment.Text")));
    }

    /// <summary>A mentor assignment and an escalating session (alert handled with a note); a family guidance course, session and group session.</summary>
    private static async Task MentorFamilyAndAlertAsync(CaseHarness h, Written w)
    {
        var coordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var guide = await h.CreateUserAsync(Role.FamilyGuide, DemoData.FamilyGuidance);
        var (person, followUp) = await h.FollowUpAsync(DemoData.Municipality, coordinator, (guide, TeamRole.FamilyGuide));
        w.RowIds.Add(person);

        var mentor = await h.MentorWithProfileAsync(DemoData.MentorService, coordinator);
        var contact = await h.PoliceContactAsync();
        var assignment = (await h.SendAsync(coordinator, new AssignMentor(
            followUp, mentor, contact, ReferralSource.School, w.Note("MentorAssignment.MatchReason"), h.Today(), w.Note("MentorAssignment.Goals"), 14,
            MentorSafetyRisk.Low, w.Note("MentorAssignment.RiskAssessment"), h.Today()))).Id;
        var session = await h.SendAsync(mentor, new RecordMentorSession(
            assignment, h.Today(), SessionArena.Home, 45, SessionType.Conversation, w.Note("MentorSession.Topics"),
            RiskFactors: w.Note("MentorSession.RiskFactors"), ProtectiveFactors: w.Note("MentorSession.ProtectiveFactors"), NextSteps: w.Note("MentorSession.NextSteps"),
            ServicesContacted: w.Note("MentorSession.ServicesContacted"), EscalationFlag: true));
        await h.SendAsync(coordinator, new AddSupervisionNote(assignment, w.Note("SupervisionNote.Text")));
        await h.SendAsync(coordinator, new HandleAlert(session.AlertId!.Value, w.Note("AlertRecipient.HandlingNote")));

        var course = (await h.SendAsync(guide, new StartFamilyGuidance(
            followUp, "Familien Dump", h.Today(), [new FamilyParticipantInput("Dina Dump", FamilyRelation.Mother)],
            SupportNeeds: w.Note("FamilyGuidanceCourse.SupportNeeds"), Referrals: w.Note("FamilyGuidanceCourse.Referrals")))).Id;
        var mother = await h.WithDbAsync(db => db.FamilyParticipants.Where(p => p.CourseId == course).Select(p => p.Id).SingleAsync(Ct));
        await h.SendAsync(guide, new RecordGuidanceSession(
            followUp, course, h.Today(), [mother], w.Note("GuidanceSession.Topics"), w.Note("GuidanceSession.Advice"), w.Note("GuidanceSession.NextSteps")));
        var familyGroup = (await h.SendAsync(guide, new CreateFamilyGroup("Foreldregruppe dump"))).Id;
        await h.SendAsync(guide, new RecordGroupSession(familyGroup, h.Today(), w.Note("GroupSession.Topics"), [course], w.Note("GroupSession.GroupNotes")));
    }

    /// <summary>All bytes of the SQLite database file and of its journal or write-ahead log, as a copied file would hold them.</summary>
    private static byte[] SqliteFileBytes(CaseHarness h)
    {
        var path = Path.GetFullPath(new SqliteConnectionStringBuilder(h.ConnectionString).DataSource);
        var files = new[] { path, path + "-wal", path + "-journal" }.Where(File.Exists).ToList();
        Assert.Contains(path, files);
        return files.SelectMany(File.ReadAllBytes).ToArray();
    }

    /// <summary>The real pg_dump of the test database (plain SQL, data included), with the harness's connection details.</summary>
    private static async Task<byte[]> PgDumpAsync(CaseHarness h)
    {
        var connection = new NpgsqlConnectionStringBuilder(h.ConnectionString);
        var start = new ProcessStartInfo(Path.Combine(PostgresServer.BinDirectory, "pg_dump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--host", connection.Host!, "--port", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", connection.Username!, "--no-password", "--format", "plain", "--encoding", "UTF8", connection.Database! })
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(connection.Password))
        {
            start.Environment["PGPASSWORD"] = connection.Password;
        }

        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        await Task.WhenAll(copy, errors, process.WaitForExitAsync(Ct));
        Assert.True(process.ExitCode == 0, "pg_dump failed: " + await errors);
        return output.ToArray();
    }
}
