using System.Net;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Alerts;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.Families;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Groups;
using CaseManagement.Domain.Mentors;
using CaseManagement.Domain.Persons;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Features.Persons;
using Bunit;
using CaseManagement.Tests.Support;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Auditing;

/// <summary>
/// R20 per door (ADR-025): <see cref="ReadPathAccessLogTests"/> proves each query writes its entry; this proves the
/// doors people and integrations use do so too. Every GET route of the REST API and every page with a record id,
/// enumerated from the running app's <see cref="EndpointDataSource"/>, is either read here for a real person — the
/// reader gets a new access entry for that person, a user of the other agency is refused (or finds nothing) and
/// leaves no entry for them — or named below with the reason it is not. A new person-reading route fails
/// <see cref="Every_get_route_and_page_is_read_here_or_named"/> until it is placed.
/// </summary>
public sealed class ReadDoorsAccessLogTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>API GET routes that return no personal data of a person of concern, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> ApiRoutesWithoutPersonData = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/api/v1/units"] = "the organisation",
        ["/api/v1/admin/users"] = "staff (administration)",
        ["/api/v1/alerts/unhandled-count"] = "a count",
        ["/api/v1/legal-bases"] = "reference data",
        ["/api/v1/privacy/review-queue"] = "oversight of the access log itself: who looked, not what they saw",
        ["/api/v1/privacy/audit/verify"] = "chain integrity counts only",
        ["/api/v1/follow-ups/{id:guid}/plan-and-group"] = "ids and flags only (FindPlanAndGroup), no content",
        ["/api/v1/mentors"] = "staff in the mentor programme",
        ["/api/v1/family-groups"] = "group names and session counts, no family data",
        ["/api/v1/admin/units"] = "the own agency's units with counts of users and disclosures (ADR-027)",
        ["/api/v1/admin/legal-bases"] = "the catalogue of legal bases (ADR-028)",
        ["/api/v1/admin/clients"] = "integration clients and their service accounts (ADR-029)",
        ["/api/v1/admin/clients/{id:guid}"] = "one integration client (ADR-029)",
        ["/api/v1/recertification"] = "staff and their roles to confirm (ADR-030)",
        ["/api/v1/recertification/due"] = "staff whose access falls due (ADR-030)",
    };

    /// <summary>Pages with a record id that read no person, or whose read is another page's, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> PagesWithoutPersonData = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/oppfolginger/{Id:guid}/nodtilgang"] = "the emergency access form: asks for a reason and a code before anything is read",
        ["/oppfolginger/{FollowUpId:guid}/ny-samtale"] = "the form for a new conversation: writes, shows no record",
    };

    /// <summary>The records read; each person's given and family names are unique words, so a page or body that shows either is found.</summary>
    private sealed record World(
        Guid PolicePerson, string[] PoliceNames, Guid PoliceFollowUp, Guid Conversation,
        Guid MunicipalPerson, string[] MunicipalNames, Guid MunicipalFollowUp, Guid Plan, Guid Group, Guid Assignment, Guid Course, Guid FamilyGroup);

    /// <summary>One read through one door: who reads which person at which address, and who of the other agency tries.</summary>
    private sealed record Door(string Route, string Path, string Reader, string Intruder, Guid Person, string[] Names)
    {
        public bool Shows(string text) => Names.Any(n => text.Contains(n, StringComparison.Ordinal));
    }

    private static IReadOnlyList<Door> ApiDoors(World w) =>
    [
        new("/api/v1/persons", $"/api/v1/persons?name={w.PoliceNames[1]}", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/api/v1/persons/{id:guid}", $"/api/v1/persons/{w.PolicePerson}", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/api/v1/persons/{id:guid}/timeline", $"/api/v1/persons/{w.PolicePerson}/timeline", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/api/v1/follow-ups", $"/api/v1/follow-ups?personId={w.PolicePerson}", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/api/v1/follow-ups/{id:guid}", $"/api/v1/follow-ups/{w.PoliceFollowUp}", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/api/v1/follow-ups/{id:guid}/conversations", $"/api/v1/follow-ups/{w.PoliceFollowUp}/conversations", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/api/v1/conversations", "/api/v1/conversations?pageSize=100", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/api/v1/conversations/{id:guid}", $"/api/v1/conversations/{w.Conversation}", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/api/v1/referrals/waiting", "/api/v1/referrals/waiting?pageSize=100", "koordinator", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/api/v1/me/due-items", "/api/v1/me/due-items?pageSize=100", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/api/v1/alerts", "/api/v1/alerts?pageSize=100", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/api/v1/plans/{id:guid}", $"/api/v1/plans/{w.Plan}", "saksbehandler", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/api/v1/groups/{id:guid}", $"/api/v1/groups/{w.Group}", "saksbehandler", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/api/v1/participation", "/api/v1/participation", "barnevern", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/api/v1/mentor-assignments", $"/api/v1/mentor-assignments?followUpId={w.MunicipalFollowUp}", "koordinator", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/api/v1/follow-ups/{followUpId:guid}/mentor-assignments/{id:guid}", $"/api/v1/follow-ups/{w.MunicipalFollowUp}/mentor-assignments/{w.Assignment}", "koordinator", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/api/v1/mentor-assignments/{id:guid}/supervision-notes", $"/api/v1/mentor-assignments/{w.Assignment}/supervision-notes", "koordinator", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/api/v1/my/mentees", "/api/v1/my/mentees", "mentor", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/api/v1/my/mentees/{id:guid}", $"/api/v1/my/mentees/{w.Assignment}", "mentor", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/api/v1/family-courses", $"/api/v1/family-courses?followUpId={w.MunicipalFollowUp}", "familieveileder", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/api/v1/follow-ups/{followUpId:guid}/family-courses/{id:guid}", $"/api/v1/follow-ups/{w.MunicipalFollowUp}/family-courses/{w.Course}", "familieveileder", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/api/v1/family-groups/{id:guid}", $"/api/v1/family-groups/{w.FamilyGroup}", "familieveileder", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/api/v1/privacy/persons/{id:guid}/access-report", $"/api/v1/privacy/persons/{w.MunicipalPerson}/access-report", "personvern", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/api/v1/privacy/persons/{id:guid}/access-report.csv", $"/api/v1/privacy/persons/{w.MunicipalPerson}/access-report.csv", "personvern", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/api/v1/privacy/persons/{id:guid}/change-history", $"/api/v1/privacy/persons/{w.MunicipalPerson}/change-history", "personvern", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/api/v1/privacy/audit", $"/api/v1/privacy/audit?personId={w.MunicipalPerson}", "personvern", "politi", w.MunicipalPerson, w.MunicipalNames),
    ];

    private static IReadOnlyList<Door> PageDoors(World w) =>
    [
        new("/personer/{Id:guid}", $"/personer/{w.PolicePerson}", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/personer/{Id:guid}/rediger", $"/personer/{w.PolicePerson}/rediger", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/personer/{Id:guid}/tidslinje", $"/personer/{w.PolicePerson}/tidslinje", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/oppfolginger/{Id:guid}", $"/oppfolginger/{w.PoliceFollowUp}", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/samtaler/{Id:guid}", $"/samtaler/{w.Conversation}", "politi", "saksbehandler", w.PolicePerson, w.PoliceNames),
        new("/planer/{Id:guid}", $"/planer/{w.Plan}", "saksbehandler", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/planer/{Id:guid}/utskrift", $"/planer/{w.Plan}/utskrift", "saksbehandler", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/ansvarsgrupper/{Id:guid}", $"/ansvarsgrupper/{w.Group}", "saksbehandler", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/mentor/mentees/{Id:guid}", $"/mentor/mentees/{w.Assignment}", "mentor", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/mentorprogram/oppdrag/{FollowUpId:guid}/{Id:guid}", $"/mentorprogram/oppdrag/{w.MunicipalFollowUp}/{w.Assignment}", "koordinator", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/familier/grupper/{Id:guid}", $"/familier/grupper/{w.FamilyGroup}", "familieveileder", "politi", w.MunicipalPerson, w.MunicipalNames),
        new("/familier/{FollowUpId:guid}/{Id:guid}", $"/familier/{w.MunicipalFollowUp}/{w.Course}", "familieveileder", "politi", w.MunicipalPerson, w.MunicipalNames),
    ];

    [Fact]
    public void Every_get_route_and_page_is_read_here_or_named()
    {
        // Only the routes are compared: any ids will do.
        var w = new World(Guid.Empty, ["", ""], Guid.Empty, Guid.Empty, Guid.Empty, ["", ""], Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty);
        var endpoints = api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var apiGets = endpoints
            .Where(e => Route(e).StartsWith("/api/v1/", StringComparison.Ordinal) && IsGet(e))
            .Select(Route).ToHashSet(StringComparer.Ordinal);
        // Pages that take a record id: the ones that can show a person.
        var pages = endpoints
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null && Route(e).Contains(":guid}", StringComparison.Ordinal))
            .Select(Route).ToHashSet(StringComparer.Ordinal);
        Assert.True(apiGets.Count > 25, $"Only {apiGets.Count} API GET routes found: the enumeration is wrong.");
        Assert.True(pages.Count > 8, $"Only {pages.Count} pages with an id found: the enumeration is wrong.");

        var problems = new List<string>();
        Check("API GET route", apiGets, ApiDoors(w).Select(d => d.Route), ApiRoutesWithoutPersonData.Keys);
        Check("page", pages, PageDoors(w).Select(d => d.Route), PagesWithoutPersonData.Keys);
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        void Check(string kind, HashSet<string> existing, IEnumerable<string> read, IEnumerable<string> named)
        {
            var placed = read.Concat(named).ToList();
            problems.AddRange(existing.Except(placed).Order(StringComparer.Ordinal).Select(r => $"{kind} {r} is neither read here nor named with a reason"));
            problems.AddRange(placed.Except(existing).Order(StringComparer.Ordinal).Select(r => $"{kind} {r} is placed here but does not exist"));
            problems.AddRange(placed.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => $"{kind} {g.Key} is placed twice"));
        }
    }

    [Fact]
    public async Task Each_api_read_of_a_person_writes_an_access_entry_and_a_refusal_writes_none_for_them()
    {
        var w = await WorldAsync();
        var failures = new List<string>();
        foreach (var door in ApiDoors(w))
        {
            var reader = await api.ClientForAsync(door.Reader);
            var before = await EntriesAsync(door.Person, door.Reader);
            var read = await reader.GetAsync(new Uri(door.Path, UriKind.Relative), Ct);
            var body = await read.Content.ReadAsStringAsync(Ct);
            if (read.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{door.Route}: {door.Reader} got {(int)read.StatusCode} {Cut(body)}");
                continue;
            }

            if (await EntriesAsync(door.Person, door.Reader) <= before)
            {
                failures.Add($"{door.Route}: {door.Reader} read the person but no access entry was written (R20). Body: {Cut(body)}");
            }

            var intruder = await api.ClientForAsync(door.Intruder);
            var anyBefore = await EntriesAsync(door.Person);
            var refused = await intruder.GetAsync(new Uri(door.Path, UriKind.Relative), Ct);
            var refusedBody = await refused.Content.ReadAsStringAsync(Ct);
            if (refused.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.OK)
                || door.Shows(refusedBody))
            {
                failures.Add($"{door.Route}: {door.Intruder} (other agency) got {(int)refused.StatusCode} and must see nothing of the person: {Cut(refusedBody)}");
            }

            if (await EntriesAsync(door.Person) != anyBefore)
            {
                failures.Add($"{door.Route}: {door.Intruder} was refused, yet an access entry for the person was written");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// Pages over HTTP with a signed-in cookie. A page reads in its interactive circuit, through the same queries
    /// (<see cref="ReadPathAccessLogTests"/>); what matters at this door is that no person's data leaves the server
    /// in the served HTML without an access entry for it, and that a user of the other agency gets none of it.
    /// </summary>
    [Fact]
    public async Task No_page_serves_a_persons_data_without_an_access_entry()
    {
        var w = await WorldAsync();
        var failures = new List<string>();
        var browsers = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        try
        {
            foreach (var door in PageDoors(w))
            {
                var reader = await BrowserAsync(door.Reader);
                var before = await EntriesAsync(door.Person, door.Reader);
                var page = await reader.GetAsync(new Uri(door.Path, UriKind.Relative), Ct);
                var html = await page.Content.ReadAsStringAsync(Ct);
                if (page.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{door.Route}: {door.Reader} got {(int)page.StatusCode} {page.Headers.Location}");
                    continue;
                }

                var served = door.Shows(html);
                Xunit.TestContext.Current.SendDiagnosticMessage($"{door.Route}: {(served ? "the person is in the served HTML" : "read in the circuit only")}");
                if (served && await EntriesAsync(door.Person, door.Reader) <= before)
                {
                    failures.Add($"{door.Route}: the HTML shows the person to {door.Reader}, but no access entry was written (R20)");
                }

                var intruder = await BrowserAsync(door.Intruder);
                var anyBefore = await EntriesAsync(door.Person);
                var refused = await intruder.GetAsync(new Uri(door.Path, UriKind.Relative), Ct);
                var refusedHtml = await refused.Content.ReadAsStringAsync(Ct);
                if (door.Shows(refusedHtml))
                {
                    failures.Add($"{door.Route}: {door.Intruder} (other agency) was served the person's name");
                }

                if (await EntriesAsync(door.Person) != anyBefore)
                {
                    failures.Add($"{door.Route}: {door.Intruder} (other agency) opened the page and an access entry for the person was written");
                }
            }
        }
        finally
        {
            foreach (var browser in browsers.Values)
            {
                browser.Dispose();
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        async Task<HttpClient> BrowserAsync(string userName)
        {
            if (!browsers.TryGetValue(userName, out var browser))
            {
                browser = api.Factory.CreateHttpsClient();
                Assert.True(await ApiSession.LoginAsync(browser, userName), $"Login failed for {userName}.");
                browsers[userName] = browser;
            }

            return browser;
        }
    }

    private static string Route(RouteEndpoint e) => "/" + (e.RoutePattern.RawText ?? "").Trim('/');

    private static bool IsGet(RouteEndpoint e) => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) ?? false;

    private static string Cut(string body) => body.Length > 300 ? body[..300] : body;

    /// <summary>Granted access entries for the person (by <paramref name="userName"/> only, when given).</summary>
    private Task<int> EntriesAsync(Guid person, string? userName = null) => api.Factory.WithDbAsync(async db =>
    {
        var entries = db.AccessLog.AsNoTracking().Where(e => e.PersonId == person && e.Outcome == AccessOutcome.Granted);
        if (userName is not null)
        {
            var user = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct);
            entries = entries.Where(e => e.UserId == user);
        }

        return await entries.CountAsync(Ct);
    });

    private World? _world;

    /// <summary>
    /// A police person with a follow-up led by "politi" (a conversation, a referral to the coordinator's unit with its
    /// disclosure, a consent running out, an alert), and a municipal person with a follow-up led by "saksbehandler"
    /// (a plan with "barnevern" taking part by consent, a group, a mentor assignment for "mentor" supervised by
    /// "koordinator", a family course with "familieveileder" on the team, attending a session of her unit's family group). Written straight to the database.
    /// </summary>
    private async Task<World> WorldAsync()
    {
        if (_world is not null)
        {
            return _world;
        }

        string[] policeNames = [PersonTestData.UniqueWord(), PersonTestData.UniqueWord()];
        string[] municipalNames = [PersonTestData.UniqueWord(), PersonTestData.UniqueWord()];
        _world = await api.Factory.WithDbAsync(async db =>
        {
            var users = await db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id, Ct);
            var now = api.Factory.Clock.GetUtcNow();
            var today = Application.Common.OsloTime.DateOf(now);
            var politi = users["politi"];
            var saksbehandler = users["saksbehandler"];

            var policePerson = Person.Register(Guid.CreateVersion7(), DemoData.PoliceDistrict, new PersonDetails(policeNames[0], policeNames[1], new DateOnly(2001, 3, 4), null, null, null, null, "norsk", false), now.AddDays(-20));
            var policeFollowUp = FollowUp.Open(Guid.CreateVersion7(), policePerson.Id, DemoData.PoliceDistrict, ConcernSource.School, RetentionClass.PolicePrevention, politi, now.AddDays(-20));
            var conversation = Conversation.Register(Guid.CreateVersion7(), policeFollowUp.Id, ConversationKind.Concern, null, today, ConcernSource.School, "Bekymring meldt av skolen.", politi, now.AddDays(-10));
            var disclosure = Disclosure.Grant(
                Guid.CreateVersion7(), policeFollowUp.Id, DemoData.Slt, RecordKinds.FollowUp | RecordKinds.Conversations, null, LegalBases.PoliceRegisterAct23, "Henvisning",
                now.AddDays(-1), now.AddDays(90), politi, now.AddDays(-1));
            var referral = Referral.Make(Guid.CreateVersion7(), conversation.Id, policeFollowUp.Id, ReferralTarget.Mentor, DemoData.Slt, null, LegalBases.PoliceRegisterAct23, disclosure.Id, null, politi, now.AddDays(-1));
            var expiring = Consent.Record(
                Guid.CreateVersion7(), policePerson.Id, policeFollowUp.Id, ConsentGiver.Person, null, DemoData.ChildWelfare, RecordKinds.FollowUp, "Samarbeid",
                ConsentMethod.Written, false, now.AddDays(-80), now.AddDays(10), politi, now.AddDays(-80));
            var alert = Alert.Raise(Guid.CreateVersion7(), AlertKind.MentorEscalation, policeFollowUp.Id, Guid.CreateVersion7(), Guid.CreateVersion7(), "Person (25 år)", politi, [politi], now.AddHours(-1));
            db.AddRange(policePerson, policeFollowUp, conversation, disclosure, referral, expiring, alert);

            var municipalPerson = Person.Register(Guid.CreateVersion7(), DemoData.Municipality, new PersonDetails(municipalNames[0], municipalNames[1], new DateOnly(2000, 5, 6), null, null, null, null, "norsk", false), now.AddDays(-20));
            var municipalFollowUp = FollowUp.Open(Guid.CreateVersion7(), municipalPerson.Id, DemoData.Municipality, ConcernSource.OtherAgency, RetentionClass.MunicipalService, saksbehandler, now.AddDays(-20));
            municipalFollowUp.AddMember(users["koordinator"], TeamRole.Member, now.AddDays(-20));
            municipalFollowUp.AddMember(users["familieveileder"], TeamRole.Member, now.AddDays(-20));
            var plan = IndividualPlan.Create(
                Guid.CreateVersion7(), municipalFollowUp.Id, municipalPerson.Id, saksbehandler, ConsentGiver.Person, null, today,
                new PlanContent("Egne mål", null, null, null, today, today.AddMonths(6), today.AddMonths(2)), saksbehandler, now.AddDays(-10));
            var coordinator = new PlanParticipant(Guid.CreateVersion7(), plan.Id, ParticipantKind.Service, "Koordinator", saksbehandler, null);
            var taking = new PlanParticipant(Guid.CreateVersion7(), plan.Id, ParticipantKind.Service, "Barnevernet", users["barnevern"], null);
            taking.RecordConsent("Hele planen", now.AddDays(-1), now.AddDays(90));
            var group = new ResponsibilityGroup(Guid.CreateVersion7(), municipalFollowUp.Id, municipalPerson.Id, saksbehandler, ConsentGiver.Person, today, now.AddDays(-10));
            var assignment = MentorAssignment.Create(
                Guid.CreateVersion7(), municipalFollowUp.Id, municipalPerson.Id, users["mentor"], users["koordinator"], users["radkontakt"], ReferralSource.Police, "Felles interesser.",
                today.AddDays(-11), "Fullføre skolen.", 14, MentorSafetyRisk.Low, "Lav risiko.", today.AddDays(-10), null, users["koordinator"], now.AddDays(-10));
            var course = FamilyGuidanceCourse.Start(
                Guid.CreateVersion7(), municipalFollowUp.Id, municipalPerson.Id, "Familien " + municipalNames[1], today.AddDays(-20), "Råd om samtaler hjemme.", null, null, null, null,
                users["familieveileder"], now.AddDays(-10));
            course.AddParticipant("Mor " + municipalNames[1], FamilyRelation.Mother, false);
            var familyGroup = FamilyGroup.Create(Guid.CreateVersion7(), DemoData.FamilyGuidance, "Foreldregruppe", users["familieveileder"], now.AddDays(-10));
            var session = GroupSession.Record(Guid.CreateVersion7(), familyGroup.Id, today.AddDays(-3), "Grensesetting.", null, users["familieveileder"], now.AddDays(-3));
            db.AddRange(municipalPerson, municipalFollowUp, plan, coordinator, taking, group, assignment, course, familyGroup, session, GroupAttendance.Of(session.Id, course));
            await db.SaveChangesAsync(Ct);
            return new World(
                policePerson.Id, policeNames, policeFollowUp.Id, conversation.Id,
                municipalPerson.Id, municipalNames, municipalFollowUp.Id, plan.Id, group.Id, assignment.Id, course.Id, familyGroup.Id);
        });
        return _world;
    }
}

/// <summary>
/// R20 at the circuit door: the pages rendered interactively (as in a live circuit) with the real application read
/// through the same pipeline, and each render of a person's page writes an access entry for that person.
/// </summary>
public sealed class ReadDoorsCircuitAccessLogTests
{
    [Fact]
    public async Task Each_page_that_shows_a_person_writes_an_access_entry_when_it_renders_including_the_printable_plan()
    {
        await using var context = await CaseManagement.Tests.Web.FollowUpPagesContext.CreateAsync();
        var worker = await context.AddUserAsync("saksbehandler-test", "Siri Saksbehandler", DemoData.Nav, CaseManagement.Domain.Access.Role.CaseWorker);
        context.SignInAs(worker);
        var familyName = PersonTestData.UniqueWord();
        var person = await context.SendAsync(worker, new Application.Features.Persons.RegisterPerson("Mina", familyName, new DateOnly(2001, 4, 3), null));
        var followUp = await context.SendAsync(worker, new Application.Features.FollowUps.OpenFollowUp(person.Id, ConcernSource.School));
        var today = Application.Common.OsloTime.DateOf(DateTimeOffset.UtcNow);
        var plan = await context.SendAsync(worker, new Application.Features.Plans.CreatePlan(
            followUp.Id, worker, ConsentGiver.Person, today, "Jeg vil ha en jobb.", today, today.AddMonths(6), today.AddMonths(2)));

        var failures = new List<string>();
        await RenderAsync("person page", () => context.Bunit.Render<CaseManagement.Web.Components.Pages.Persons.PersonDetailsPage>(p => p.Add(x => x.Id, person.Id)));
        await RenderAsync("follow-up page", () => context.Bunit.Render<CaseManagement.Web.Components.Pages.FollowUps.FollowUpPage>(p => p.Add(x => x.Id, followUp.Id)));
        await RenderAsync("plan page", () => context.Bunit.Render<CaseManagement.Web.Components.Pages.Plans.PlanPage>(p => p.Add(x => x.Id, plan.Id)));
        await RenderAsync("printable plan", () => context.Bunit.Render<CaseManagement.Web.Components.Pages.Plans.PlanPrintPage>(p => p.Add(x => x.Id, plan.Id)));
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        async Task RenderAsync<TPage>(string what, Func<IRenderedComponent<TPage>> render)
            where TPage : Microsoft.AspNetCore.Components.IComponent
        {
            var before = await EntriesAsync();
            var cut = render();
            cut.WaitForAssertion(() => Assert.Contains(familyName, cut.Markup, StringComparison.Ordinal));
            if (await EntriesAsync() <= before)
            {
                failures.Add($"{what}: showed the person but wrote no access entry (R20)");
            }
        }

        async Task<int> EntriesAsync()
        {
            await using var scope = context.Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
            return await db.AccessLog.AsNoTracking().CountAsync(e => e.PersonId == person.Id && e.UserId == worker && e.Outcome == AccessOutcome.Granted, Xunit.TestContext.Current.CancellationToken);
        }
    }
}
