using System.Diagnostics;
using CaseManagement.Application;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Mediator;

namespace CaseManagement.Tests.Access;

/// <summary>
/// R2: every message × role × relation to a police and to a municipal follow-up, against the expected table in
/// authorisation-matrix.csv. The full matrix runs on SQLite (one harness; scenarios are reused until a command
/// changes them); <see cref="AuthorisationMatrixPostgreSqlTests"/> runs a representative slice on PostgreSQL.
/// </summary>
public sealed class AuthorisationMatrixTests(MatrixWorld world) : IClassFixture<MatrixWorld>
{
    public static TheoryData<string, string, Owner> Cells()
    {
        var data = new TheoryData<string, string, Owner>();
        foreach (var (message, relation) in AuthorisationMatrix.Keys())
        {
            foreach (var owner in Enum.GetValues<Owner>())
            {
                data.Add(message, relation, owner);
            }
        }

        return data;
    }

    /// <summary>The messages that exist: every concrete type implementing Mediator's IMessage in the Application assembly.</summary>
    internal static IReadOnlyList<Type> ApplicationMessages() =>
        typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMessage).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void The_table_covers_every_message_that_exists_and_names_none_that_does_not()
    {
        var messages = ApplicationMessages();
        var names = messages.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Assert.True(names.Count == messages.Count, "Two messages share a short name; the table names messages by short name.");

        var inTable = AuthorisationMatrix.Rows.Select(r => r.Message).ToHashSet(StringComparer.Ordinal);
        var missing = names.Except(inTable).Order(StringComparer.Ordinal).ToList();
        var stale = inTable.Except(names).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"Messages with no rows in {AuthorisationMatrix.FileName} (add the expected answers): {string.Join(", ", missing)}");
        Assert.True(stale.Count == 0, $"{AuthorisationMatrix.FileName} names messages that no longer exist: {string.Join(", ", stale)}");

        var factories = MatrixMessages.Specs.Keys.ToHashSet(StringComparer.Ordinal);
        Assert.True(factories.SetEquals(names), $"MatrixMessages needs exactly one factory per message. Missing: {string.Join(", ", names.Except(factories))}; stale: {string.Join(", ", factories.Except(names))}");

        // Guard against a vacuous pass: the messages of the follow-up, sharing, person and administration features are found.
        Assert.Superset(new HashSet<string> { "GetFollowUp", "GrantDisclosure", "RequestEmergencyAccess", "RegisterPerson", "SetUserRoles" }, names);
    }

    [Fact]
    public void Every_follow_up_message_has_one_row_per_relation_every_subject_message_one_per_subject_and_every_other_message_one_row()
    {
        var problems = new List<string>();
        foreach (var group in AuthorisationMatrix.Rows.GroupBy(r => r.Message))
        {
            var spec = MatrixMessages.Specs.GetValueOrDefault(group.Key);
            var relations = group.Select(r => r.RelationName).ToList();
            string[] wanted = spec switch
            {
                { AboutFollowUp: true } or null => Enum.GetNames<Relation>(),
                { AboutSubject: true } => Enum.GetNames<SubjectRelation>(),
                _ => [AuthorisationMatrix.NoRelation],
            };
            if (!relations.Order(StringComparer.Ordinal).SequenceEqual(wanted.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                problems.Add($"{group.Key}: rows for [{string.Join(", ", relations)}], wanted exactly [{string.Join(", ", wanted)}]");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory, MemberData(nameof(Cells))]
    public async Task Each_role_gets_the_expected_answer(string message, string relation, Owner owner)
    {
        var site = await world.SiteAsync(DatabaseProvider.Sqlite);
        var row = AuthorisationMatrix.Row(message, relation);

        var mismatches = await site.RunRowAsync(row, owner, Enum.GetValues<Role>());

        Assert.True(mismatches.Count == 0, $"{row.Why}\n" + string.Join("\n", mismatches));
    }
}

/// <summary>
/// The representative slice on PostgreSQL: every row, both owners, for a full case-work role, a read-and-consent
/// role and a role without case content — the translations of the access filters differ per provider.
/// </summary>
public sealed class AuthorisationMatrixPostgreSqlTests(MatrixWorld world) : IClassFixture<MatrixWorld>
{
    public static readonly Role[] SliceRoles = [Role.PolicePreventionOfficer, Role.PlanCoordinator, Role.FamilyGuide, Role.Administrator];

    [Theory]
    [InlineData(Owner.Police)]
    [InlineData(Owner.Municipality)]
    public async Task The_slice_gets_the_expected_answers(Owner owner)
    {
        var site = await world.SiteAsync(DatabaseProvider.PostgreSql);
        var started = Stopwatch.GetTimestamp();
        var mismatches = new List<string>();

        foreach (var row in AuthorisationMatrix.Rows)
        {
            mismatches.AddRange(await site.RunRowAsync(row, owner, SliceRoles));
        }

        TestContext.Current.SendDiagnosticMessage($"PostgreSQL slice ({owner}): {site.CellsRun} cells in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        Assert.True(site.CellsRun >= AuthorisationMatrix.Rows.Count * SliceRoles.Length, "The slice ran fewer cells than rows × roles.");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
