using CaseManagement.Application.Auditing;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support.Databases;

namespace CaseManagement.Tests.Features.Privacy;

/// <summary>
/// Access-log entries written straight to the table, with chosen time, agency and outcome. They carry no valid
/// content hash, so once sealed the class's access chain would report them as altered: no test here verifies the
/// chains.
/// </summary>
public static class PrivacyTestData
{
    public static Task<Guid> PrivacyOfficerAsync(this CaseHarness h) => h.CreateUserAsync(Role.PrivacyOfficer, DemoData.Slt);

    /// <summary>The police district's privacy officer (the demo has none): oversees the police's records (ADR-018).</summary>
    public static Task<Guid> PolicePrivacyOfficerAsync(this CaseHarness h) => h.CreateUserAsync(Role.PrivacyOfficer, DemoData.LarvikStation);

    /// <summary>Persons of <paramref name="agencyId"/> written straight to the table: real subjects for access entries.</summary>
    public static Task<List<Guid>> PersonsAsync(this CaseHarness h, Guid agencyId, int count = 1) =>
        h.WithDbAsync(async db =>
        {
            var persons = Enumerable.Range(0, count)
                .Select(_ => CaseManagement.Domain.Persons.Person.Register(
                    Guid.CreateVersion7(), agencyId,
                    new CaseManagement.Domain.Persons.PersonDetails("Logg", Features.Persons.PersonTestData.UniqueWord(), new DateOnly(1990, 1, 2), null, null, null, null, "norsk", false),
                    h.Clock.GetUtcNow()))
                .ToList();
            db.Persons.AddRange(persons);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return persons.Select(p => p.Id).ToList();
        });

    public static async Task<Guid> MunicipalPersonAsync(this CaseHarness h) => (await h.PersonsAsync(DemoData.Municipality)).Single();

    public static AccessLogEntry Entry(Guid userId, Guid unitId, Guid agencyId, Guid? personId, DateTimeOffset at,
        AccessOutcome outcome = AccessOutcome.Granted, string section = "Person", string roles = "CaseWorker", AccessPurpose purpose = AccessPurpose.NormalWork) => new()
    {
        Id = Guid.CreateVersion7(),
        // PostgreSQL stores UTC only, as the application does.
        OccurredAt = at.ToUniversalTime(),
        UserId = userId,
        UnitId = unitId,
        AgencyId = agencyId,
        Roles = roles,
        PersonId = personId,
        Section = section,
        Purpose = purpose,
        Outcome = outcome,
        MessageName = "Test",
        ResultCount = 1,
        ContentHash = "test",
    };

    public static Task AddEntriesAsync(this CaseHarness h, params AccessLogEntry[] entries) =>
        h.WithDbAsync(async db =>
        {
            db.AccessLog.AddRange(entries);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
}
