using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Domain;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Persons;

/// <summary>Users and persons for the person-register tests. Each test makes its own, so tests can share a database.</summary>
internal static class PersonTestData
{
    /// <summary>A police unit (Sør-Øst politidistrikt) and a municipal one (Sandefjord kommune).</summary>
    public static readonly Guid PoliceUnit = DemoData.SandefjordStation;
    public static readonly Guid MunicipalUnit = DemoData.Nav;

    public static readonly DateOnly AdultBirthDate = new(1990, 5, 17);
    public static readonly DateOnly MinorBirthDate = new(2012, 3, 9);

    public static Task<Guid> PoliceOfficerAsync(this CaseHarness h) => h.CreateUserAsync(Role.PolicePreventionOfficer, PoliceUnit);

    public static Task<Guid> CaseWorkerAsync(this CaseHarness h) => h.CreateUserAsync(Role.CaseWorker, MunicipalUnit);

    /// <summary>Letters only, unique per call: names that no other test's search will match by accident.</summary>
    public static string UniqueWord()
    {
        var bytes = Guid.NewGuid().ToByteArray();
        return "Q" + new string(bytes.Take(8).Select(b => (char)('a' + (b % 26))).ToArray());
    }

    public static RegisterPerson Adult(string givenName, string familyName, bool withNumber = true) =>
        new(givenName, familyName, AdultBirthDate, withNumber ? TestIdentityNumbers.Unique(AdultBirthDate) : null);

    public static async Task<Guid> RegisterAsync(this CaseHarness h, Guid userId, RegisterPerson command) =>
        (await h.SendAsync(userId, command)).Id;

    public static Task<int> CountPersonsAsync(this CaseHarness h) =>
        h.WithDbAsync(db => db.Persons.CountAsync(TestContext.Current.CancellationToken));

    public static Task<int> CountGuardiansAsync(this CaseHarness h) =>
        h.WithDbAsync(db => db.Guardians.CountAsync(TestContext.Current.CancellationToken));

    /// <summary>A correction that keeps every field of the view as it is (change with <c>with</c>).</summary>
    public static CorrectPersonDetails AsCorrection(this PersonView v) => new(
        v.Id,
        v.Version,
        v.GivenName,
        v.FamilyName,
        v.DateOfBirth,
        v.NationalIdentityNumber,
        v.Phone,
        v.Email,
        v.Address,
        v.PreferredLanguage,
        v.NeedsInterpreter,
        v.Guardians.Select(g => new GuardianInput(g.Name, g.Relation, g.Phone, g.Email, g.Id)).ToList());
}
