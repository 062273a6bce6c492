using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Domain;
using CaseManagement.Tests.Features.Persons;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Access;

/// <summary>A person registered by an agency and a follow-up of theirs, opened by <see cref="Lead"/>.</summary>
public sealed record OpenCase(Guid Lead, Guid PersonId, Guid FollowUpId, string FamilyName, string NationalIdentityNumber);

/// <summary>Row counts of everything an access use case can write: a refusal must leave all of them as they were.</summary>
public sealed record RowCounts(int Persons, int FollowUps, int TeamMembers, int Consents, int WithdrawnConsents, int Disclosures, int EndedDisclosures, int EmergencyAccesses, int UserRoles, int DisabledUsers);

/// <summary>Users, follow-ups, consents and disclosures for the access tests, made through the use cases themselves.</summary>
internal static class AccessTestData
{
    public static readonly Guid PoliceUnit = DemoData.SandefjordStation;
    public static readonly Guid OtherPoliceUnit = DemoData.LarvikStation;
    public static readonly Guid MunicipalUnit = DemoData.Nav;
    public static readonly Guid OtherMunicipalUnit = DemoData.ChildWelfare;

    public const string EmergencyReason = "Akutt fare for liv og helse, ansvarlig er ikke å nå.";

    public static Task<Guid> PoliceOfficerAsync(this CaseHarness h, Guid? unit = null) => h.CreateUserAsync(Role.PolicePreventionOfficer, unit ?? PoliceUnit);

    public static Task<Guid> MunicipalCaseWorkerAsync(this CaseHarness h, Guid? unit = null) => h.CreateUserAsync(Role.CaseWorker, unit ?? MunicipalUnit);

    public static Task<Guid> AdministratorAsync(this CaseHarness h) => h.CreateUserAsync(Role.Administrator, DemoData.PoliceAdministration);

    /// <summary>Registers an adult in the lead's agency and opens a follow-up with the lead as its lead.</summary>
    public static async Task<OpenCase> OpenCaseAsync(this CaseHarness h, Guid lead, DateOnly? born = null)
    {
        var family = PersonTestData.UniqueWord();
        var dateOfBirth = born ?? PersonTestData.AdultBirthDate;
        var nin = TestIdentityNumbers.Unique(dateOfBirth);
        var person = await h.SendAsync(lead, new RegisterPerson("Tilgang", family, dateOfBirth, nin));
        var followUp = await h.SendAsync(lead, new OpenFollowUp(person.Id, ConcernSource.School));
        return new OpenCase(lead, person.Id, followUp.Id, family, nin);
    }

    public static async Task<Guid> ConsentAsync(
        this CaseHarness h, OpenCase c, Guid toUnit, RecordKinds kinds = RecordKinds.FollowUp, DateTimeOffset? validTo = null, ConsentGiver givenBy = ConsentGiver.Person) =>
        (await h.SendAsync(c.Lead, new RecordConsent(
            c.FollowUpId, givenBy, toUnit, kinds, "Samarbeid om oppfølging", ConsentMethod.Written, h.Clock.GetUtcNow(), validTo,
            givenBy == ConsentGiver.Person ? null : "Forelder"))).Id;

    public static async Task<Guid> DiscloseAsync(
        this CaseHarness h, OpenCase c, Guid toUnit, Guid consentId, RecordKinds kinds = RecordKinds.FollowUp, TimeSpan? period = null)
    {
        var now = h.Clock.GetUtcNow();
        return (await h.SendAsync(c.Lead, new GrantDisclosure(
            c.FollowUpId, toUnit, kinds, "Samarbeid om oppfølging", now, now + (period ?? TimeSpan.FromDays(90)), ConsentId: consentId))).Id;
    }

    public static async Task<Guid> DiscloseOnLegalBasisAsync(this CaseHarness h, OpenCase c, Guid toUnit, string legalBasisCode, RecordKinds kinds = RecordKinds.FollowUp)
    {
        var now = h.Clock.GetUtcNow();
        return (await h.SendAsync(c.Lead, new GrantDisclosure(
            c.FollowUpId, toUnit, kinds, "Forebygge lovbrudd", now, now.AddDays(30), LegalBasisCode: legalBasisCode))).Id;
    }

    /// <summary>A consent to <paramref name="toUnit"/> and a disclosure of <paramref name="kinds"/> on it.</summary>
    public static async Task<(Guid ConsentId, Guid DisclosureId)> ConsentAndDiscloseAsync(this CaseHarness h, OpenCase c, Guid toUnit, RecordKinds kinds = RecordKinds.FollowUp)
    {
        var consent = await h.ConsentAsync(c, toUnit, kinds);
        return (consent, await h.DiscloseAsync(c, toUnit, consent, kinds));
    }

    public static async Task<bool> ListsAsync(this CaseHarness h, Guid user, OpenCase c) =>
        (await h.SendAsync(user, new ListFollowUps(PageSize: 100))).Items.Any(f => f.Id == c.FollowUpId);

    public static async Task<bool> FindsByNameAsync(this CaseHarness h, Guid user, OpenCase c) =>
        (await h.SendAsync(user, new FindPersons(Name: c.FamilyName))).Items.Any(p => p.Id == c.PersonId);

    public static async Task<bool> FindsByNumberAsync(this CaseHarness h, Guid user, OpenCase c) =>
        (await h.SendAsync(user, new FindPersons(NationalIdentityNumber: c.NationalIdentityNumber))).Items.Any(p => p.Id == c.PersonId);

    public static Task<RowCounts> CountsAsync(this CaseHarness h) =>
        h.WithDbAsync(async db =>
        {
            var ct = TestContext.Current.CancellationToken;
            return new RowCounts(
                await db.Persons.CountAsync(ct),
                await db.FollowUps.CountAsync(ct),
                await db.TeamMembers.CountAsync(ct),
                await db.Consents.CountAsync(ct),
                await db.Consents.CountAsync(c => c.WithdrawnAt != null, ct),
                await db.Disclosures.CountAsync(ct),
                await db.Disclosures.CountAsync(d => d.EndedAt != null, ct),
                await db.EmergencyAccesses.CountAsync(ct),
                await db.UserRoles.CountAsync(ct),
                await db.Users.CountAsync(u => u.IsDisabled, ct));
        });

    public static Task<FollowUpStatus> StatusAsync(this CaseHarness h, Guid followUpId) =>
        h.WithDbAsync(db => db.FollowUps.Where(f => f.Id == followUpId).Select(f => f.Status).SingleAsync(TestContext.Current.CancellationToken));

    public static Task<List<(Guid UserId, TeamRole Role)>> TeamAsync(this CaseHarness h, Guid followUpId) =>
        h.WithDbAsync(async db => (await db.TeamMembers.Where(m => m.FollowUpId == followUpId)
                .Select(m => new { m.UserId, m.Role }).ToListAsync(TestContext.Current.CancellationToken))
            .Select(m => (m.UserId, m.Role)).OrderBy(m => m.UserId).ToList());
}
