using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Organisation;
using CaseManagement.Domain.Persons;
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
            if (person.AgeAt(DateOnly.FromDateTime(now.UtcDateTime)) < Age.AdultAge)
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
