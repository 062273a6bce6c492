using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Families;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Mentors;
using CaseManagement.Domain.Organisation;
using CaseManagement.Domain.Persons;
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
            if (person.AgeAt(DateOnly.FromDateTime(now.UtcDateTime)) < Age.AdultAge)
            {
                person.AddGuardian(Guid.CreateVersion7(), $"Forelder {p.Family}", GuardianRelation.Mother, "+47 900 00 000", null);
            }

            db.Persons.Add(person);
        }

        await db.SaveChangesAsync(ct);
        await SeedMentorAndFamilyAsync(db, users, now, ct);
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
        var today = DateOnly.FromDateTime(now.UtcDateTime);
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
