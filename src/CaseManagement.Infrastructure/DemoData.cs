using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.Families;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Groups;
using CaseManagement.Domain.Mentors;
using CaseManagement.Domain.Organisation;
using CaseManagement.Domain.Persons;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CaseManagement.Infrastructure;

/// <summary>
/// Demo organisation, one user per role and a few persons, for Development only. Refuses to run anywhere else:
/// the passwords and TOTP secrets are in the README.
/// </summary>
public static class DemoData
{
    public const string DemoPassword = "Sandefjord-demo-2026!";

    public static readonly Guid PoliceDistrict = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    public static readonly Guid Municipality = Guid.Parse("0193a000-0000-7000-8000-000000000002");
    public static readonly Guid SandefjordStation = Guid.Parse("0193a000-0000-7000-8000-000000000011");
    public static readonly Guid LarvikStation = Guid.Parse("0193a000-0000-7000-8000-000000000012");
    public static readonly Guid Slt = Guid.Parse("0193a000-0000-7000-8000-000000000021");
    public static readonly Guid Nav = Guid.Parse("0193a000-0000-7000-8000-000000000022");
    public static readonly Guid ChildWelfare = Guid.Parse("0193a000-0000-7000-8000-000000000023");
    public static readonly Guid MentorService = Guid.Parse("0193a000-0000-7000-8000-000000000024");
    public static readonly Guid FamilyGuidance = Guid.Parse("0193a000-0000-7000-8000-000000000025");
    public static readonly Guid PoliceAdministration = Guid.Parse("0193a000-0000-7000-8000-000000000013");
    public static readonly Guid MunicipalAdministration = Guid.Parse("0193a000-0000-7000-8000-000000000026");

    /// <summary>(user name, display name, unit, role)</summary>
    public static readonly (string UserName, string DisplayName, Guid Unit, Role Role)[] Users =
    [
        ("politi", "Per Politi", SandefjordStation, Role.PolicePreventionOfficer),
        ("politi2", "Pia Politi", LarvikStation, Role.PolicePreventionOfficer),
        ("radkontakt", "Rune Radikaliseringskontakt", SandefjordStation, Role.RadicalisationContact),
        ("koordinator", "Kari Koordinator", Slt, Role.PreventionCoordinator),
        ("saksbehandler", "Siri Saksbehandler", Nav, Role.CaseWorker),
        ("barnevern", "Bjørn Barnevern", ChildWelfare, Role.CaseWorker),
        ("ipkoordinator", "Ida Plankoordinator", Nav, Role.PlanCoordinator),
        ("mentor", "Mats Mentor", MentorService, Role.Mentor),
        ("familieveileder", "Frida Familieveileder", FamilyGuidance, Role.FamilyGuide),
        ("personvern", "Pernille Personvernombud", Slt, Role.PrivacyOfficer),
        ("admin", "Anders Administrator", PoliceAdministration, Role.Administrator),
        ("kommuneadmin", "Kristin Kommuneadministrator", MunicipalAdministration, Role.Administrator),
    ];

    /// <summary>
    /// Fixed TOTP secrets (base32, RFC 6238 defaults: SHA-1, 6 digits, 30 s) of the demo users, published in the
    /// README so a person can add them to an authenticator app or run <c>oathtool --totp -b SECRET</c>. Development
    /// and Test only, like everything here.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> TotpSecrets = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["politi"] = "JWDO7QQA3IJ2JGGIJPQSIXQPUJBW3HLW",
        ["politi2"] = "SXXDRILFJ4DQQSW7Z5YASO7KSOEN7WHU",
        ["radkontakt"] = "KZNWVRXDOUYKG4IST72KWV5J4F2CSM7O",
        ["koordinator"] = "AA3IU6RHKS7GLO4U4O57N6PXI4QA7ZWA",
        ["saksbehandler"] = "CZO46HPGPJEXTMXEB4H6R7YEPQVTFSOH",
        ["barnevern"] = "O2MCUTLSM3AGJ5V3SY7ROSR5O3FF3DM4",
        ["ipkoordinator"] = "YWPNCEI4XEX7S5I3JOI2DWVSJ57TIDLJ",
        ["mentor"] = "QTFWHF736SH2KU2GUIFNMLJMUPNXVW4D",
        ["familieveileder"] = "QSSBETNVJTGA3Z5VA4MJJZYSBFSSC3AQ",
        ["personvern"] = "FAHWUYWMJ4KNXZE4S3HQF6T7YTC4JPGL",
        ["admin"] = "SJA5U5QLYNIFJM2A744UAJE5ALBUKITF",
        ["kommuneadmin"] = "SGGZELCCM2FMMCHFVHXSNCZ3E3UMTIFB",
    };

    public static async Task SeedAsync(IServiceProvider services, IHostEnvironment environment, CancellationToken ct = default)
    {
        if (!environment.IsDevelopment() && !environment.IsEnvironment("Test"))
        {
            throw new InvalidOperationException("Demo data is seeded only in Development.");
        }

        var db = services.GetRequiredService<CaseDbContext>();
        if (await db.Agencies.AnyAsync(ct))
        {
            // A database seeded before MFA existed: give the demo users their documented secrets (never replacing one).
            await SeedTotpSecretsAsync(services, ct);
            return;
        }

        await SeedOrganisationAsync(db, ct);

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var roles = services.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in Enum.GetNames<Role>())
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new AppRole(role)));
            }
        }

        var userIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var (userName, displayName, unit, role) in Users)
        {
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = userName,
                Email = $"{userName}@demo.invalid",
                EmailConfirmed = true,
                TwoFactorEnabled = true,
                DisplayName = displayName,
                UnitId = unit,
            };
            Check(await users.CreateAsync(user, DemoPassword));
            Check(await users.AddToRoleAsync(user, role.ToString()));
            userIds[userName] = user.Id;
        }

        await SeedTotpSecretsAsync(services, ct);

        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        (string Given, string Family, DateOnly Born, string? Nin, Guid Agency)[] persons =
        [
            ("Ola", "Nordmann", new DateOnly(2008, 3, 14), null, PoliceDistrict),
            ("Aisha", "Berg", new DateOnly(2001, 11, 2), null, PoliceDistrict),
            ("Jonas", "Hansen", new DateOnly(2009, 6, 30), null, Municipality),
            ("Sofie", "Ødegård", new DateOnly(1999, 1, 21), null, Municipality),
        ];
        foreach (var p in persons)
        {
            var person = Person.Register(
                Guid.CreateVersion7(),
                p.Agency,
                new PersonDetails(p.Given, p.Family, p.Born, p.Nin, null, null, null, "norsk", false),
                now);
            if (person.AgeAt(OsloTime.DateOf(now)) < Age.AdultAge)
            {
                person.AddGuardian(Guid.CreateVersion7(), $"Forelder {p.Family}", GuardianRelation.Mother, "+47 900 00 000", null);
            }

            db.Persons.Add(person);
            if (p.Family is "Berg" or "Ødegård")
            {
                SeedFollowUp(db, person, p.Agency == PoliceDistrict ? "politi" : "saksbehandler", userIds, now);
            }
        }

        await db.SaveChangesAsync(ct);
        await SeedConversationsAsync(db, now, ct);
        if (environment.IsDevelopment())
        {
            // Only on a developer's machine: tests build their own plans and must not meet this one.
            await SeedPlanAndGroupAsync(db, now, ct);
        }

        await SeedMentorAndFamilyAsync(db, users, now, ct);
    }

    /// <summary>
    /// A police follow-up of an adult (lead "politi", "radkontakt" on the team) with a concluded concern conversation
    /// (ratings by life area), two agreements (one review coming up), and a follow-up conversation planned: the
    /// conversations section shows on first run.
    /// </summary>
    private static async Task SeedConversationsAsync(CaseDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var officer = await db.Users.Where(u => u.UserName == "politi").Select(u => u.Id).SingleAsync(ct);
        var contact = await db.Users.Where(u => u.UserName == "radkontakt").Select(u => u.Id).SingleAsync(ct);
        var today = OsloTime.DateOf(now);
        var person = Person.Register(
            Guid.CreateVersion7(), PoliceDistrict, new PersonDetails("Marius", "Lunde", new DateOnly(2003, 9, 12), null, null, null, null, "norsk", false), now.AddDays(-40));
        var followUp = FollowUp.Open(Guid.CreateVersion7(), person.Id, PoliceDistrict, ConcernSource.Online, RetentionClass.PolicePrevention, officer, now.AddDays(-40));
        // The station's radicalisation contact is on the team, so that role has conversations to work with on first run.
        followUp.AddMember(contact, TeamRole.Member, now.AddDays(-40));
        var first = Conversation.Register(
            Guid.CreateVersion7(), followUp.Id, ConversationKind.Concern, null, today.AddDays(-35), ConcernSource.Online,
            "Deler ekstremt innhold i lukkede kanaler; meldt av en venn.", officer, now.AddDays(-40));
        first.SetPreparation(today.AddDays(-35), "Politiet er best egnet; ingen straffbar handling.", AttendanceTrack.Voluntary, null, false, null,
            "Møte på politistasjonen, uformelt.", [new ConversationParticipant(Guid.CreateVersion7(), first.Id, "Marius Lunde", ParticipantCapacity.Person, ConversationParts.WithPerson)]);
        first.SetRecord(today.AddDays(-35), true, true, true, "Informert om straffbarhet ved deling av voldelig innhold.", "Sier han var nysgjerrig.", null, [],
            [(LifeArea.Online, 3, 0, "Mye tid i lukkede kanaler."), (LifeArea.LeisureAndFriends, 2, 1, null), (LifeArea.Family, 1, 3, "God kontakt med søster."),
             (LifeArea.SchoolOrWork, 2, 1, null), (LifeArea.Health, 1, 2, null), (LifeArea.Attitudes, 2, 1, null)], Guid.CreateVersion7);
        first.SetConclusion(ConcernLevel.High, ConversationConclusion.ContinuedFollowUp, "Følges opp med ny samtale og avtaler.");
        first.MoveTo(ConversationState.Concluded, now.AddDays(-35));
        var second = Conversation.Register(
            Guid.CreateVersion7(), followUp.Id, ConversationKind.FollowUp, first.Id, today.AddDays(-7), ConcernSource.PoliceObservation, "Oppfølging av avtalene.", officer, now.AddDays(-20));
        second.SetRecord(today.AddDays(-7), true, true, true, null, "Har sluttet i to av kanalene.", null, [],
            [(LifeArea.Online, 2, 1, "Færre kanaler."), (LifeArea.LeisureAndFriends, 1, 2, "Begynt på fotball."), (LifeArea.Family, 1, 3, null),
             (LifeArea.SchoolOrWork, 1, 2, "Fått deltidsjobb."), (LifeArea.Health, 1, 2, null), (LifeArea.Attitudes, 1, 2, null)], Guid.CreateVersion7);
        second.SetConclusion(ConcernLevel.Moderate, ConversationConclusion.ContinuedFollowUp, null);
        second.MoveTo(ConversationState.Concluded, now.AddDays(-7));
        var third = Conversation.Register(
            Guid.CreateVersion7(), followUp.Id, ConversationKind.FollowUp, second.Id, today.AddDays(7), ConcernSource.PoliceObservation, "Ny oppfølgingssamtale.", officer, now.AddDays(-7));
        db.AddRange(person, followUp, first, second, third,
            Agreement.Make(Guid.CreateVersion7(), first.Id, followUp.Id, "Forlater de lukkede kanalene.", AgreementResponsible.Person, null, today.AddDays(3), officer, now.AddDays(-35)),
            Agreement.Make(Guid.CreateVersion7(), second.Id, followUp.Id, "Møter på fotballtrening hver uke.", AgreementResponsible.Person, null, today.AddDays(21), officer, now.AddDays(-7)));
    }

    /// <summary>
    /// A municipal follow-up of Sofie Ødegård (saksbehandler leads, ipkoordinator coordinates) with an individual plan
    /// (two main goals, a sub-goal, three measures, version 1 approved, a revision under way) and a responsibility
    /// group with one held meeting whose draft minutes wait to be sent.
    /// </summary>
    private static async Task SeedPlanAndGroupAsync(CaseDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var userIds = await db.Users.Where(u => u.UserName == "saksbehandler" || u.UserName == "ipkoordinator" || u.UserName == "barnevern")
            .ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        var person = await db.Persons.SingleAsync(p => p.FamilyName == "Ødegård", ct);
        var today = OsloTime.DateOf(now);
        var followUp = FollowUp.Open(Guid.CreateVersion7(), person.Id, Municipality, ConcernSource.School, RetentionClass.MunicipalService, userIds["saksbehandler"], now.AddDays(-60));
        followUp.AddMember(userIds["ipkoordinator"], TeamRole.Member, now.AddDays(-60));
        var plan = IndividualPlan.Create(
            Guid.CreateVersion7(), followUp.Id, person.Id, userIds["ipkoordinator"], ConsentGiver.Person, null, today.AddDays(-45),
            new PlanContent(
                "Jeg vil fullføre skolen og få meg en deltidsjobb. Jeg vil ha færre konflikter hjemme.",
                "Flink med data og musikk. Har en bestemor som støtter.", "Hjelp til struktur i hverdagen og til å søke jobb.",
                "NAV, skolen og barneverntjenesten samarbeider om praksisplass og oppfølging hjemme.",
                today.AddDays(-45), today.AddMonths(11), today.AddDays(20)),
            userIds["saksbehandler"], now.AddDays(-45));
        var personSelf = new PlanParticipant(Guid.CreateVersion7(), plan.Id, ParticipantKind.Person, "Sofie Ødegård", null, "Møter opp og sier fra når noe er vanskelig");
        var coordinator = new PlanParticipant(Guid.CreateVersion7(), plan.Id, ParticipantKind.Service, "NAV Sandefjord (koordinator)", userIds["ipkoordinator"], "Koordinerer planen");
        var childWelfare = new PlanParticipant(Guid.CreateVersion7(), plan.Id, ParticipantKind.Service, "Barneverntjenesten", userIds["barnevern"], "Oppfølging hjemme");
        childWelfare.RecordConsent("Hele planen og egne tiltak", now.AddDays(-45), now.AddDays(20));
        var school = new PlanGoal(Guid.CreateVersion7(), plan.Id, null, "Fullføre videregående skole", 0);
        var attend = new PlanGoal(Guid.CreateVersion7(), plan.Id, school.Id, "Møte på skolen hver dag", 1);
        var work = new PlanGoal(Guid.CreateVersion7(), plan.Id, null, "Få en deltidsjobb", 2);
        MeasureContent Measure(Guid goal, string what, PlanParticipant who, string person, int start, int days, MeasureStatus status, string scope) =>
            new(goal, what, scope, "Avtales fra uke til uke", who.Id, person, today.AddDays(start), today.AddDays(start + days), status, null);
        db.AddRange(followUp, plan, personSelf, coordinator, childWelfare, school, attend, work);
        db.AddRange(
            new PlanMeasure(Guid.CreateVersion7(), plan.Id, Measure(school.Id, "Leksehjelp på biblioteket", coordinator, "Ida Plankoordinator", -40, 120, MeasureStatus.InProgress, "2 timer i uka")),
            new PlanMeasure(Guid.CreateVersion7(), plan.Id, Measure(attend.Id, "Oppfølging om morgenen", childWelfare, "Bjørn Barnevern", -40, 90, MeasureStatus.InProgress, "Hver skoledag")),
            new PlanMeasure(Guid.CreateVersion7(), plan.Id, Measure(work.Id, "Praksisplass gjennom NAV", coordinator, "Siri Saksbehandler", 10, 90, MeasureStatus.Planned, "3 dager i uka")));
        await db.SaveChangesAsync(ct);

        var snapshot = await Application.Features.Plans.PlanSnapshot.TakeAsync(db, plan, ct);
        db.Add(new PlanVersion(Guid.CreateVersion7(), plan.Id, plan.Approve(), now.AddDays(-40), userIds["ipkoordinator"], snapshot.ToJson()));
        await db.SaveChangesAsync(ct);
        plan.StartRevision();
        plan.SetNextRevision(today.AddDays(10));

        var group = new ResponsibilityGroup(Guid.CreateVersion7(), followUp.Id, person.Id, userIds["saksbehandler"], ConsentGiver.Person, today.AddDays(-50), now.AddDays(-50));
        var member = new GroupMember(Guid.CreateVersion7(), group.Id, ParticipantKind.Person, "Sofie Ødegård", null, "Personen selv", "Personen selv", now.AddDays(-50), null);
        var convenor = new GroupMember(Guid.CreateVersion7(), group.Id, ParticipantKind.Service, "Siri Saksbehandler", userIds["saksbehandler"], "Koordinator og innkaller", "Koordinator og innkaller", now.AddDays(-50), null);
        var childWelfareMember = new GroupMember(Guid.CreateVersion7(), group.Id, ParticipantKind.Service, "Bjørn Barnevern", userIds["barnevern"], "Kontaktperson barnevernet", "Referater og oppgaver", now.AddDays(-50), now.AddDays(200));
        var meeting = new GroupMeeting(Guid.CreateVersion7(), group.Id, now.AddDays(-2), "1. Skole\n2. Praksisplass\n3. Hjemme");
        meeting.WriteMinutes("1. Skole\n2. Praksisplass\n3. Hjemme", "Sofie møter oftere på skolen. NAV har en mulig praksisplass.", now.AddDays(28));
        db.AddRange(group, member, convenor, childWelfareMember, meeting,
            new MeetingAttendance(Guid.CreateVersion7(), meeting.Id, member.Id, present: true),
            new MeetingAttendance(Guid.CreateVersion7(), meeting.Id, convenor.Id, present: true),
            new MeetingAttendance(Guid.CreateVersion7(), meeting.Id, childWelfareMember.Id, present: false),
            new GroupAgreement(Guid.CreateVersion7(), group.Id, meeting.Id, "NAV undersøker praksisplass i butikk.", 0),
            new GroupTask(Guid.CreateVersion7(), group.Id, meeting.Id, "Ringe butikken om praksisplass", convenor.Id, today.AddDays(5)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A municipal follow-up of Sofie Ødegård led by the coordinator, with the family guide on the team: the mentor's
    /// profile, an assignment with one session, and a family guidance course with one session and a parent group.
    /// </summary>
    private static async Task SeedMentorAndFamilyAsync(CaseDbContext db, UserManager<AppUser> users, DateTimeOffset now, CancellationToken ct)
    {
        async Task<Guid> IdOf(string userName) => (await users.FindByNameAsync(userName))!.Id;
        var coordinator = await IdOf("koordinator");
        var mentor = await IdOf("mentor");
        var familyGuide = await IdOf("familieveileder");
        var policeContact = await IdOf("radkontakt");
        var today = OsloTime.DateOf(now);
        var sofie = await db.Persons.SingleAsync(p => p.GivenName == "Sofie" && p.AgencyId == Municipality, ct);

        var followUp = FollowUp.Open(Guid.CreateVersion7(), sofie.Id, Municipality, ConcernSource.Family, RetentionClass.MunicipalService, coordinator, now.AddDays(-40));
        followUp.AddMember(familyGuide, TeamRole.FamilyGuide, now.AddDays(-40));
        db.FollowUps.Add(followUp);

        db.MentorProfiles.Add(MentorProfile.Create(Guid.CreateVersion7(), mentor, today.AddMonths(-14), today.AddMonths(-35), 4, coordinator, now));
        var assignment = MentorAssignment.Create(
            Guid.CreateVersion7(), followUp.Id, sofie.Id, mentor, coordinator, policeContact, ReferralSource.Family,
            "Felles interesse for fotball; mentor har erfaring fra tilsvarende saker.", today.AddDays(-32),
            "Fullføre skoleåret. Bygge nye vennskap utenfor miljøet.", 14, MentorSafetyRisk.Low, "Lav risiko. Møtes på offentlige steder.",
            today.AddDays(-30), today.AddMonths(6), coordinator, now.AddDays(-30));
        db.MentorAssignments.Add(assignment);
        db.MentorSessions.Add(MentorSession.Record(
            Guid.CreateVersion7(), assignment, today.AddDays(-10), SessionArena.Cafe, 60, SessionType.Conversation, "Skole og fritid.",
            null, "God kontakt med søsteren.", ChangeSinceLast.Better, "Bli med på treningen neste uke.", null, false, false, now.AddDays(-10)));

        var course = FamilyGuidanceCourse.Start(
            Guid.CreateVersion7(), followUp.Id, sofie.Id, "Familien Ødegård", today.AddDays(-20), "Foreldrene ønsker råd om hvordan de kan snakke med Sofie.",
            null, today.AddDays(3), null, null, familyGuide, now.AddDays(-20));
        var mother = course.AddParticipant("Mona Ødegård", FamilyRelation.Mother, false);
        course.AddParticipant("Erik Ødegård", FamilyRelation.Sibling, false);
        db.FamilyGuidanceCourses.Add(course);
        db.GuidanceSessions.Add(GuidanceSession.Record(
            Guid.CreateVersion7(), course, today.AddDays(-7), [mother.Id], "Samtaler hjemme.", "Lytt mer enn du argumenterer.", "Ny samtale om en uke.",
            familyGuide, now.AddDays(-7)));
        db.FamilyGroups.Add(FamilyGroup.Create(Guid.CreateVersion7(), FamilyGuidance, "Foreldregruppe Sandefjord", familyGuide, now));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A follow-up opened six weeks ago with a consent (and a disclosure on it) that runs out soon, so the home page
    /// ("Mine oppgaver") and the person timeline show something on first run.
    /// </summary>
    private static void SeedFollowUp(CaseDbContext db, Person person, string lead, Dictionary<string, Guid> userIds, DateTimeOffset now)
    {
        var police = person.AgencyId == PoliceDistrict;
        var opened = now.AddDays(-42);
        var followUp = FollowUp.Open(
            Guid.CreateVersion7(), person.Id, person.AgencyId, police ? ConcernSource.School : ConcernSource.Family,
            police ? RetentionClass.PolicePrevention : RetentionClass.MunicipalService, userIds[lead], opened);
        if (!police)
        {
            followUp.AddMember(userIds["barnevern"], TeamRole.Member, opened.AddDays(1));
        }

        db.FollowUps.Add(followUp);
        var toUnit = police ? Nav : Slt;
        var validTo = now.AddDays(police ? 12 : 3);
        var consent = Consent.Record(
            Guid.CreateVersion7(), person.Id, followUp.Id, ConsentGiver.Person, null, toUnit, RecordKinds.FollowUp | RecordKinds.Conversations,
            "Samarbeid om oppfølging", ConsentMethod.Written, false, opened.AddDays(2), validTo, userIds[lead], opened.AddDays(2));
        db.Consents.Add(consent);
        db.Disclosures.Add(Disclosure.Grant(
            Guid.CreateVersion7(), followUp.Id, toUnit, RecordKinds.FollowUp | RecordKinds.Conversations, consent.Id, null,
            "Samarbeid om oppfølging", opened.AddDays(2), validTo, userIds[lead], opened.AddDays(2)));
    }

    private static async Task SeedTotpSecretsAsync(IServiceProvider services, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var keys = (IUserAuthenticatorKeyStore<AppUser>)services.GetRequiredService<IUserStore<AppUser>>();
        foreach (var (userName, secret) in TotpSecrets)
        {
            var user = await users.FindByNameAsync(userName);
            if (user is not null && string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
            {
                await keys.SetAuthenticatorKeyAsync(user, secret, ct);
                user.TwoFactorEnabled = true;
                Check(await users.UpdateAsync(user));
            }
        }
    }

    public static async Task SeedOrganisationAsync(CaseDbContext db, CancellationToken ct)
    {
        db.Agencies.AddRange(
            new Agency(PoliceDistrict, "Sør-Øst politidistrikt", AgencyKind.Police),
            new Agency(Municipality, "Sandefjord kommune", AgencyKind.Municipality));
        db.Units.AddRange(
            new Unit(SandefjordStation, PoliceDistrict, "Sandefjord politistasjon", UnitKind.PoliceStation),
            new Unit(LarvikStation, PoliceDistrict, "Larvik politistasjon", UnitKind.PoliceStation),
            new Unit(PoliceAdministration, PoliceDistrict, "Politiets fellestjenester", UnitKind.Administration),
            new Unit(Slt, Municipality, "SLT og folkehelse", UnitKind.PreventionCoordination),
            new Unit(Nav, Municipality, "NAV Sandefjord", UnitKind.Nav),
            new Unit(ChildWelfare, Municipality, "Barneverntjenesten", UnitKind.ChildWelfare),
            new Unit(MentorService, Municipality, "Mentortjenesten", UnitKind.MentorService),
            new Unit(FamilyGuidance, Municipality, "Familieveiledning", UnitKind.FamilyGuidance),
            new Unit(MunicipalAdministration, Municipality, "Sandefjord kommune IKT", UnitKind.Administration));
        await db.SaveChangesAsync(ct);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
