using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Persons;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Features.Persons;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;

namespace CaseManagement.Tests.Access;

/// <summary>The units that play each part for a follow-up of one owner.</summary>
public sealed record OwnerLayout(
    Owner Owner,
    Guid AgencyId,
    Guid OwnerUnit,
    Guid SameAgencyUnit,
    Guid OtherAgencyUnit,
    Guid BystanderUnit,
    Guid LegalBasisId,
    RetentionClass Retention)
{
    public static readonly OwnerLayout Police = new(
        Owner.Police, DemoData.PoliceDistrict, DemoData.SandefjordStation, DemoData.LarvikStation, DemoData.Nav, DemoData.ChildWelfare,
        LegalBases.PoliceRegisterAct23, RetentionClass.PolicePrevention);

    public static readonly OwnerLayout Municipality = new(
        Owner.Municipality, DemoData.Municipality, DemoData.Nav, DemoData.ChildWelfare, DemoData.SandefjordStation, DemoData.LarvikStation,
        LegalBases.PublicAdministrationAct13b7, RetentionClass.MunicipalService);

    public static OwnerLayout Of(Owner owner) => owner == Owner.Police ? Police : Municipality;

    /// <summary>Where a subject in <paramref name="subject"/> sits, for a user of <see cref="OwnerUnit"/>.</summary>
    public SubjectPlace Place(SubjectRelation subject) => subject switch
    {
        SubjectRelation.SubjectOwnUnit => new(subject, OwnerUnit, AgencyId),
        SubjectRelation.SubjectOtherUnit => new(subject, SameAgencyUnit, AgencyId),
        SubjectRelation.SubjectOtherAgency => new(subject, OtherAgencyUnit, Of(Owner == Owner.Police ? Owner.Municipality : Owner.Police).AgencyId),
    };

    /// <summary>The unit a user in <paramref name="relation"/> works in.</summary>
    public Guid UnitFor(Relation relation) => relation switch
    {
        Relation.Lead or Relation.Member or Relation.SameUnit => OwnerUnit,
        Relation.SameAgency or Relation.EmergencyGrant or Relation.EmergencyExpired => SameAgencyUnit,
        Relation.OtherAgency or Relation.DisclosedByConsent or Relation.DisclosedByLegalBasis or Relation.DisclosedOtherKinds
            or Relation.ConsentWithdrawn or Relation.DisclosureEnded or Relation.DisclosureExpired or Relation.MovedToOtherAgency => OtherAgencyUnit,
    };
}

/// <summary>The unit and agency of the subject of a message not about a follow-up.</summary>
public sealed record SubjectPlace(SubjectRelation Subject, Guid UnitId, Guid AgencyId)
{
    public bool IsPolice => AgencyId == DemoData.PoliceDistrict;

    /// <summary>A case role that exists in the subject's agency (an administrator may give it there).</summary>
    public Role CaseRole => IsPolice ? Role.PolicePreventionOfficer : Role.CaseWorker;
}

/// <summary>
/// One follow-up set up for one relation, with one user per role standing in that relation to it. Besides the
/// relation, every scenario has the same furniture: a lead who opened it, a plain member, a same-agency colleague who
/// could be added, and an active consent and disclosure to a bystander unit of the other agency.
/// </summary>
public sealed record Scenario(
    OwnerLayout Layout,
    Relation Relation,
    Guid PersonId,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string PersonVersion,
    Guid FollowUpId,
    string FollowUpVersion,
    Guid LeadId,
    Guid MemberId,
    Guid CandidateId,
    Guid BystanderConsentId,
    Guid BystanderDisclosureId,
    IReadOnlyDictionary<Role, Guid> Users);

/// <summary>One cell being run: the harness, the acting user, and the scenario (follow-up messages) or the subject's place (subject messages).</summary>
public sealed record MatrixCase(CaseHarness H, MatrixSite Site, Guid UserId, OwnerLayout Layout, Scenario? Scenario, SubjectPlace? Place = null)
{
    public Scenario S => Scenario ?? throw new InvalidOperationException("This message needs a follow-up scenario.");

    public SubjectPlace P => Place ?? throw new InvalidOperationException("This message needs a subject.");

    public DateTimeOffset Now => H.Clock.GetUtcNow();
}

/// <summary>How to build a valid message for a case and send it. True: carried out (or found, for lists and searches).</summary>
public sealed record MessageSpec(Type MessageType, bool AboutFollowUp, bool NeedsClosedFollowUp, Func<MatrixCase, Task<bool>> Run, bool AboutSubject = false)
{
    public bool IsCommand => typeof(Mediator.IBaseCommand).IsAssignableFrom(MessageType);

    public string Name => MessageType.Name;
}

/// <summary>Users, scenarios and authenticator keys on one harness, created on demand and reused while they stay valid.</summary>
public sealed class MatrixSite(CaseHarness harness)
{
    private readonly Dictionary<(Role Role, Guid Unit), Guid> _users = [];
    private readonly Dictionary<Guid, string> _authenticatorKeys = [];
    private readonly Dictionary<(Owner Owner, string Part), Guid> _staff = [];
    private readonly Dictionary<(Owner Owner, Relation Relation, bool Closed), Scenario> _scenarios = [];
    private readonly Dictionary<(string Part, Guid Unit), object> _subjects = [];

    public CaseHarness Harness { get; } = harness;

    /// <summary>Cells run so far (role × relation × owner × message).</summary>
    public int CellsRun { get; private set; }

    public async Task<Guid> UserAsync(Role role, Guid unit)
    {
        if (!_users.TryGetValue((role, unit), out var id))
        {
            id = await Harness.CreateUserAsync(role, unit);
            _users[(role, unit)] = id;
        }

        return id;
    }

    /// <summary>
    /// A subject of one kind (<paramref name="part"/>) in one unit, made once and reused: never one of the acting users,
    /// so a command on it (disabling, new roles) changes no one who acts in the matrix.
    /// </summary>
    public async Task<T> SubjectAsync<T>(string part, Guid unit, Func<Task<T>> create)
        where T : notnull
    {
        if (!_subjects.TryGetValue((part, unit), out var subject))
        {
            subject = await create();
            _subjects[(part, unit)] = subject;
        }

        return (T)subject;
    }

    public async Task<string> CurrentCodeAsync(Guid userId)
    {
        if (!_authenticatorKeys.TryGetValue(userId, out var key))
        {
            key = await Authenticator.EnrolAsync(Harness, userId);
            _authenticatorKeys[userId] = key;
        }

        return Authenticator.CurrentCode(Harness, key);
    }

    /// <summary>A scenario for the relation, reused until a command changed it.</summary>
    public async Task<Scenario> ScenarioAsync(OwnerLayout layout, Relation relation, bool closed)
    {
        if (!_scenarios.TryGetValue((layout.Owner, relation, closed), out var scenario))
        {
            scenario = await CreateScenarioAsync(layout, relation, closed);
            _scenarios[(layout.Owner, relation, closed)] = scenario;
        }

        return scenario;
    }

    /// <summary>After a command was carried out, the next case starts from a fresh scenario.</summary>
    public void Spoil(Scenario scenario)
    {
        foreach (var key in _scenarios.Where(kv => ReferenceEquals(kv.Value, scenario)).Select(kv => kv.Key).ToList())
        {
            _scenarios.Remove(key);
        }
    }

    /// <summary>Runs one row of the table for one owner and the given roles; returns a line per cell that disagrees.</summary>
    public async Task<IReadOnlyList<string>> RunRowAsync(MatrixRow row, Owner owner, IEnumerable<Role> roles)
    {
        var spec = MatrixMessages.Specs[row.Message];
        var layout = OwnerLayout.Of(owner);
        var mismatches = new List<string>();
        if (spec.AboutFollowUp != row.Relation.HasValue || spec.AboutSubject != row.Subject.HasValue)
        {
            return [$"{row.Message}: the table has relation '{row.RelationName}', but the message is {(spec.AboutFollowUp ? "about a follow-up" : spec.AboutSubject ? "about a subject" : "neither about a follow-up nor a subject")}."];
        }

        var place = row.Subject is { } subject ? layout.Place(subject) : null;

        foreach (var role in roles)
        {
            Scenario? scenario = null;
            Guid user;
            if (row.Relation is { } relation)
            {
                scenario = await ScenarioAsync(layout, relation, spec.NeedsClosedFollowUp);
                user = scenario.Users[role];
            }
            else
            {
                user = await UserAsync(role, layout.OwnerUnit);
            }

            var (actual, detail) = await ClassifyAsync(() => spec.Run(new MatrixCase(Harness, this, user, layout, scenario, place)));
            CellsRun++;
            if (actual == Outcome.Allowed && spec.IsCommand && scenario is not null)
            {
                Spoil(scenario);
            }

            var expected = row.Expected[role];
            if (actual != expected)
            {
                mismatches.Add($"{row.Message} × {row.RelationName} × {role} (owner {owner}, {Harness.Provider}): expected {expected}, got {actual}{detail}  [line {row.Line}]");
            }
        }

        return mismatches;
    }

    /// <summary>Sends and names the answer; anything but the four answers is reported with its details.</summary>
    public static async Task<(Outcome? Outcome, string Detail)> ClassifyAsync(Func<Task<bool>> send)
    {
        try
        {
            return await send() ? (Outcome.Allowed, "") : (Outcome.NotFound, " (not in the result)");
        }
        catch (ForbiddenException)
        {
            return (Outcome.Forbidden, "");
        }
        catch (NotFoundException ex)
        {
            return (Outcome.NotFound, $" ({ex.RecordKind})");
        }
        catch (RuleViolationException ex)
        {
            return (Outcome.Rule, $" ({ex.Field}: {ex.Message})");
        }
        catch (ValidationException ex)
        {
            return (null, $" ValidationException: {string.Join("; ", ex.Errors.Select(e => e.PropertyName + " " + e.ErrorMessage))}");
        }
        catch (Exception ex) when (ex is UnauthenticatedException or ConcurrencyConflictException)
        {
            return (null, $" {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<Guid> StaffAsync(OwnerLayout layout, string part, Role role)
    {
        if (!_staff.TryGetValue((layout.Owner, part), out var id))
        {
            id = await Harness.CreateUserAsync(role, layout.OwnerUnit);
            _staff[(layout.Owner, part)] = id;
        }

        return id;
    }

    private async Task<Scenario> CreateScenarioAsync(OwnerLayout layout, Relation relation, bool closed)
    {
        var caseRole = layout.Owner == Owner.Police ? Role.PolicePreventionOfficer : Role.PreventionCoordinator;
        var lead = await StaffAsync(layout, "lead", caseRole);
        var member = await StaffAsync(layout, "member", Role.CaseWorker);
        var candidate = await StaffAsync(layout, "candidate", Role.CaseWorker);
        var users = new Dictionary<Role, Guid>();
        foreach (var role in Enum.GetValues<Role>())
        {
            users[role] = await UserAsync(role, layout.UnitFor(relation));
        }

        var now = Harness.Clock.GetUtcNow();
        var familyName = PersonTestData.UniqueWord();
        var born = new DateOnly(1990, 5, 17);
        return await Harness.WithDbAsync(async db =>
        {
            var person = Person.Register(Guid.CreateVersion7(), layout.AgencyId, new PersonDetails("Matrise", familyName, born, null, null, null, null, "norsk", false), now.AddDays(-2));
            var followUp = FollowUp.Open(Guid.CreateVersion7(), person.Id, layout.AgencyId, ConcernSource.School, layout.Retention, lead, now.AddDays(-2));
            followUp.AddMember(member, TeamRole.Member, now.AddDays(-2));
            if (closed)
            {
                followUp.Close(CloseReason.GoalsReached, null, now.AddDays(-1));
            }

            // The furniture: an active consent and disclosure to a bystander unit of the other agency.
            var bystanderConsent = Consent.Record(
                Guid.CreateVersion7(), person.Id, followUp.Id, ConsentGiver.Person, null, layout.BystanderUnit, RecordKinds.All, "Samarbeid",
                ConsentMethod.Written, false, now.AddDays(-2), null, lead, now.AddDays(-2));
            var bystanderDisclosure = Disclosure.Grant(
                Guid.CreateVersion7(), followUp.Id, layout.BystanderUnit, RecordKinds.FollowUp, bystanderConsent.Id, null, "Samarbeid",
                now.AddDays(-2), now.AddDays(180), lead, now.AddDays(-2));
            db.AddRange(person, followUp, bystanderConsent, bystanderDisclosure);

            // The relation, for every role's user at once.
            switch (relation)
            {
                case Relation.Lead:
                    foreach (var u in users.Values)
                    {
                        followUp.AddMember(u, TeamRole.Lead, now.AddDays(-1));
                    }

                    break;
                case Relation.Member:
                case Relation.MovedToOtherAgency:
                    foreach (var u in users.Values)
                    {
                        followUp.AddMember(u, TeamRole.Member, now.AddDays(-1));
                    }

                    break;
                case Relation.DisclosedByConsent:
                case Relation.ConsentWithdrawn:
                case Relation.DisclosureEnded:
                case Relation.DisclosureExpired:
                case Relation.DisclosedOtherKinds:
                    var kinds = relation == Relation.DisclosedOtherKinds ? RecordKinds.IndividualPlan : RecordKinds.FollowUp | RecordKinds.Conversations;
                    var consent = Consent.Record(
                        Guid.CreateVersion7(), person.Id, followUp.Id, ConsentGiver.Person, null, layout.OtherAgencyUnit, kinds, "Oppfølging i NAV",
                        ConsentMethod.Written, false, now.AddDays(-40), null, lead, now.AddDays(-40));
                    var (from, to) = relation == Relation.DisclosureExpired
                        ? (now.AddDays(-40), now.AddMinutes(-1))
                        : (now.AddDays(-1), now.AddDays(90));
                    var disclosure = Disclosure.Grant(Guid.CreateVersion7(), followUp.Id, layout.OtherAgencyUnit, kinds, consent.Id, null, "Samtykke", from, to, lead, now.AddDays(-1));
                    if (relation == Relation.ConsentWithdrawn)
                    {
                        // Withdrawn without ending the disclosure: the decision itself must look at the consent.
                        consent.Withdraw(now.AddMinutes(-1));
                    }

                    if (relation == Relation.DisclosureEnded)
                    {
                        disclosure.End(now.AddMinutes(-1));
                    }

                    db.AddRange(consent, disclosure);
                    break;
                case Relation.DisclosedByLegalBasis:
                    db.Add(Disclosure.Grant(
                        Guid.CreateVersion7(), followUp.Id, layout.OtherAgencyUnit, RecordKinds.FollowUp, null, layout.LegalBasisId, "Lovgrunnlag",
                        now.AddDays(-1), now.AddDays(90), lead, now.AddDays(-1)));
                    break;
                case Relation.EmergencyGrant:
                case Relation.EmergencyExpired:
                    var granted = relation == Relation.EmergencyGrant ? now.AddMinutes(-1) : now - EmergencyAccess.MaxDuration - TimeSpan.FromMinutes(1);
                    foreach (var u in users.Values)
                    {
                        db.Add(EmergencyAccess.Grant(Guid.CreateVersion7(), u, followUp.Id, "Akutt fare, ansvarlig er ikke å nå.", granted));
                    }

                    break;
                case Relation.SameUnit:
                case Relation.SameAgency:
                case Relation.OtherAgency:
                    break;
            }

            var ct = TestContext.Current.CancellationToken;
            await db.SaveChangesAsync(ct);
            return new Scenario(
                layout, relation, person.Id, person.GivenName, familyName, born, ConcurrencyTokens.Read(db.Entry(person)),
                followUp.Id, ConcurrencyTokens.Read(db.Entry(followUp)), lead, member, candidate, bystanderConsent.Id, bystanderDisclosure.Id, users);
        });
    }
}

/// <summary>Class fixture: one matrix site per provider, on its own harness.</summary>
public sealed class MatrixWorld(PostgresServer postgres, SqlServerServer sqlServer) : IAsyncDisposable
{
    private readonly HarnessFixture _harnesses = new(postgres, sqlServer);
    private readonly Dictionary<DatabaseProvider, MatrixSite> _sites = [];
    private CaseHarness? _sqlite;

    public async Task<MatrixSite> SiteAsync(DatabaseProvider provider)
    {
        if (!_sites.TryGetValue(provider, out var site))
        {
            site = new MatrixSite(provider == DatabaseProvider.Sqlite ? await SqliteInMemoryFileSystemAsync() : await _harnesses.HarnessAsync(provider));
            _sites[provider] = site;
        }

        return site;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }

        await _harnesses.DisposeAsync();
    }

    /// <summary>
    /// The same migrated SQLite file as every harness, but on tmpfs where the machine has one: the matrix commits a
    /// few thousand small transactions, and waiting for the disk on each is most of its run time.
    /// </summary>
    private async Task<CaseHarness> SqliteInMemoryFileSystemAsync()
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var directory = Directory.CreateDirectory(Path.Combine(root, "cm-matrix-" + Guid.NewGuid().ToString("N"))).FullName;
        var connectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "case.db") }.ConnectionString;
        _sqlite = await CaseHarness.CreateAsync(
            DatabaseProvider.Sqlite, connectionString, () => HarnessFixture.DeleteSqliteAsync(connectionString, directory), CancellationToken.None);
        return _sqlite;
    }
}
