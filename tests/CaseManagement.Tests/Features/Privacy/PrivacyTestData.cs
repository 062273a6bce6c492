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
