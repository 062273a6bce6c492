using CaseManagement.Application.Auditing;
using CaseManagement.Application.Data;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Auditing;

/// <summary>
/// R20 over every read path of the application: every query that exists either returns personal data and then
/// writes its access entry when it is carried out, or is named below with the reason it returns none. A new query
/// fails <see cref="Every_query_is_a_logged_read_or_named_as_returning_no_personal_data"/> until it is placed. The
/// API endpoints and the pages send these same queries (ARCHITECTURE.md: a component never queries the database).
/// </summary>
public sealed class ReadPathAccessLogTests(MatrixWorld world) : IClassFixture<MatrixWorld>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Queries that return no personal data of a person of concern, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> NoPersonalData = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ListUnits"] = "the organisation",
        ["ListLegalBases"] = "reference data",
        ["GetMyCapabilities"] = "the user's own capabilities",
        ["VerifyAuditChains"] = "chain integrity only, no entries",
        ["CountMyUnhandledAlerts"] = "a count",
        ["FindPlanAndGroup"] = "ids and flags of the records the user's grant covers, no content (the page then sends GetPlan or GetGroup)",
        ["ListFamilyGroups"] = "group names and session counts of the user's unit, no family data",
        ["ListUsers"] = "staff, not persons of concern (administration)",
        ["FindColleagues"] = "staff who could join a team",
        ["FindGroupMemberCandidates"] = "staff who could join a responsibility group",
        ["ListMentors"] = "staff in the mentor programme",
        ["ListPoliceContacts"] = "staff",
        ["ListSupervisors"] = "staff who may supervise a mentor",
        ["AccessReviewQueue"] = "oversight of the access log itself: who looked, not what they saw",
        ["ListAccessToConfirm"] = "staff and their roles, for the recertification of access (ADR-030)",
        ["ListAccessDue"] = "staff whose access falls due (ADR-030)",
        ["ListAdministeredUnits"] = "the own agency's units with counts (ADR-027)",
        ["ListLegalBasisCatalogue"] = "reference data (ADR-028)",
        ["ListClients"] = "integration clients and their service accounts (ADR-029)",
        ["GetClient"] = "one integration client (ADR-029)",
    };

    /// <summary>
    /// Reads that do log but whose matrix factory finds nothing to read for any role in the matrix world, so this test
    /// could not see their entry: none left since every such read got a subject of its own (ADR-025). Kept, empty, so
    /// that an addition is a visible decision.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> NoSubjectInTheMatrixWorld = new Dictionary<string, string>(StringComparer.Ordinal);

    public static TheoryData<string> PersonalDataReads() =>
        new(Queries().Select(t => t.Name).Where(n => !NoPersonalData.ContainsKey(n) && !NoSubjectInTheMatrixWorld.ContainsKey(n)).Order(StringComparer.Ordinal));

    private static IEnumerable<Type> Queries() =>
        AuthorisationMatrixTests.ApplicationMessages().Where(t => typeof(IBaseQuery).IsAssignableFrom(t));

    [Fact]
    public void Every_query_is_a_logged_read_or_named_as_returning_no_personal_data()
    {
        var names = Queries().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(NoPersonalData.Keys.Concat(NoSubjectInTheMatrixWorld.Keys), n => Assert.Contains(n, names));
        Assert.Empty(NoSubjectInTheMatrixWorld);
        // Not vacuous: the reads of each record kind are among them.
        Assert.Superset(
            new HashSet<string> { "GetPerson", "FindPersons", "GetFollowUp", "ListFollowUps", "GetConversation", "GetPlan", "GetGroup", "GetPersonTimeline" },
            PersonalDataReads().Select(r => r.Data).ToHashSet(StringComparer.Ordinal));
        Assert.All(PersonalDataReads().Select(r => r.Data), name => Assert.True(MatrixMessages.Specs.ContainsKey(name), $"{name}: no way to send it in MatrixMessages"));
    }

    [Theory, MemberData(nameof(PersonalDataReads))]
    public async Task Each_read_of_personal_data_writes_its_access_entry(string message)
    {
        var site = await world.SiteAsync(DatabaseProvider.Sqlite);
        var spec = MatrixMessages.Specs[message];
        // A relation and role the table allows (the team lead, or a subject of the user's own unit, where there is
        // one), on a police follow-up or with the police as the acting user's agency.
        var row = AuthorisationMatrix.Rows.Where(r => r.Message == message)
            .OrderBy(r => r.Relation == Relation.Lead || r.Subject == SubjectRelation.SubjectOwnUnit ? 0 : 1)
            .FirstOrDefault(r => r.Expected.Values.Contains(Outcome.Allowed));
        Assert.NotNull(row);
        var role = row.Expected.First(e => e.Value == Outcome.Allowed).Key;
        var layout = OwnerLayout.Police;
        Scenario? scenario = null;
        Guid user;
        if (row.Relation is { } relation)
        {
            scenario = await site.ScenarioAsync(layout, relation, spec.NeedsClosedFollowUp);
            user = scenario.Users[role];
        }
        else
        {
            user = await site.UserAsync(role, layout.OwnerUnit);
        }

        var before = await EntriesAsync(site.Harness, user, message);
        var place = row.Subject is { } subject ? layout.Place(subject) : null;
        Assert.True(await spec.Run(new MatrixCase(site.Harness, site, user, layout, scenario, place)), $"{message} as {role} ({row.RelationName}) found nothing to read.");

        var after = await EntriesAsync(site.Harness, user, message);
        Assert.True(after > before, $"{message} returned personal data to {role} ({row.RelationName}) but wrote no access entry (R20).");
    }

    private static async Task<int> EntriesAsync(CaseHarness h, Guid userId, string message)
    {
        await using var db = h.NewDbContext();
        return await db.AccessLog.AsNoTracking().CountAsync(e => e.UserId == userId && e.MessageName == message && e.Outcome == AccessOutcome.Granted, Ct);
    }
}
