using System.Net;
using System.Net.Http.Json;
using System.Text;
using CaseManagement.Application.Auditing;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Organisation;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Features.Privacy;
using CaseManagement.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Api;

/// <summary>/api/v1/privacy: the privacy officer only; the CSV export encodes every value (R18, R24).</summary>
public sealed class PrivacyApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    public static TheoryData<string> OtherUsers => new("politi", "radkontakt", "koordinator", "saksbehandler", "barnevern", "ipkoordinator", "mentor", "familieveileder", "admin");

    [Theory, MemberData(nameof(OtherUsers))]
    public async Task Every_other_role_gets_403(string userName)
    {
        var client = await api.ClientForAsync(userName);
        var person = Guid.CreateVersion7();

        foreach (var url in new[]
                 {
                     $"/api/v1/privacy/persons/{person}/access-report",
                     $"/api/v1/privacy/persons/{person}/access-report.csv",
                     "/api/v1/privacy/review-queue?from=2026-11-18T00:00:00Z&to=2026-11-25T00:00:00Z",
                     $"/api/v1/privacy/audit?personId={person}",
                     $"/api/v1/privacy/persons/{person}/change-history",
                     "/api/v1/privacy/audit/verify",
                 })
        {
            var response = await client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("text/csv", response.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Csv_is_an_attachment_with_formula_cells_neutralised_and_police_entries_left_out()
    {
        var person = await MunicipalPersonAsync();
        var unitId = Guid.CreateVersion7();
        await api.Factory.WithDbAsync(async db =>
        {
            db.Units.Add(new Unit(unitId, DemoData.Municipality, "=HYPERLINK(\"x\")", UnitKind.Nav));
            await db.SaveChangesAsync(Ct);
            db.AccessLog.AddRange(
                PrivacyTestData.Entry(Guid.CreateVersion7(), unitId, DemoData.Municipality, person, api.Factory.Clock.GetUtcNow().AddMinutes(-30), section: "-1+1", roles: "@x"),
                PrivacyTestData.Entry(Guid.CreateVersion7(), DemoData.SandefjordStation, DemoData.PoliceDistrict, person, api.Factory.Clock.GetUtcNow().AddMinutes(-20)),
                PrivacyTestData.Entry(Guid.CreateVersion7(), DemoData.Nav, DemoData.Municipality, person, api.Factory.Clock.GetUtcNow().AddMinutes(-10), AccessOutcome.Refused));
            return await db.SaveChangesAsync(Ct);
        });
        var client = await api.ClientForAsync("personvern");

        var response = await client.GetAsync($"/api/v1/privacy/persons/{person}/access-report.csv", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("\"Tidspunkt\",", lines[0], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\")\",\"'@x\",\"NormalWork\",\"'-1+1\"", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("politi", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Privacy_officer_gets_the_report_and_the_queue_as_json()
    {
        var client = await api.ClientForAsync("personvern");

        var report = await client.GetAsync($"/api/v1/privacy/persons/{await MunicipalPersonAsync()}/access-report", Ct);
        var queue = await client.GetAsync("/api/v1/privacy/review-queue?from=2026-11-18T00:00:00Z&to=2026-11-25T10:00:00Z", Ct);
        var tooLong = await client.GetAsync("/api/v1/privacy/review-queue?from=2026-01-01T00:00:00Z&to=2026-11-25T10:00:00Z", Ct);

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(0, (await report.Content.ReadFromJsonAsync<PageCount>(Ct))!.TotalCount);
    }

    [Fact]
    public async Task The_privacy_officer_marks_an_emergency_access_reviewed_once_others_get_403()
    {
        var grant = Guid.CreateVersion7();
        var policeGrant = Guid.CreateVersion7();
        var municipalPerson = await MunicipalPersonAsync();
        await api.Factory.WithDbAsync(async db =>
        {
            var politi = await db.Users.SingleAsync(u => u.UserName == "politi", Ct);
            var politi2 = await db.Users.SingleAsync(u => u.UserName == "politi2", Ct);
            var koordinator = await db.Users.SingleAsync(u => u.UserName == "koordinator", Ct);
            var saksbehandler = await db.Users.SingleAsync(u => u.UserName == "saksbehandler", Ct);
            var person = await db.Persons.Where(p => p.AgencyId == DemoData.PoliceDistrict).Select(p => p.Id).FirstAsync(Ct);
            var followUp = FollowUp.Open(Guid.CreateVersion7(), person, DemoData.PoliceDistrict, ConcernSource.OtherAgency, RetentionClass.PolicePrevention, politi.Id, api.Factory.Clock.GetUtcNow());
            var municipal = FollowUp.Open(Guid.CreateVersion7(), municipalPerson, DemoData.Municipality, ConcernSource.OtherAgency, RetentionClass.MunicipalService, koordinator.Id, api.Factory.Clock.GetUtcNow());
            db.FollowUps.AddRange(followUp, municipal);
            db.EmergencyAccesses.Add(EmergencyAccess.Grant(grant, saksbehandler.Id, municipal.Id, "Akutt fare for liv, ansvarlig er ikke å nå.", api.Factory.Clock.GetUtcNow()));
            db.EmergencyAccesses.Add(EmergencyAccess.Grant(policeGrant, politi2.Id, followUp.Id, "Akutt fare for liv, ansvarlig er ikke å nå.", api.Factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync(Ct);
            return 0;
        });
        var officer = await api.ClientForAsync("personvern");
        var other = await api.ClientForAsync("radkontakt");
        var url = $"/api/v1/privacy/emergency-accesses/{grant}/review";

        var refused = await other.PostAsJsonAsync(url, new { note = "Forsøk." }, Ct);
        var empty = await officer.PostAsJsonAsync(url, new { note = "" }, Ct);
        var reviewed = await officer.PostAsJsonAsync(url, new { note = "Vurdert: i orden." }, Ct);
        var again = await officer.PostAsJsonAsync(url, new { note = "Igjen." }, Ct);
        var unknown = await officer.PostAsJsonAsync($"/api/v1/privacy/emergency-accesses/{Guid.CreateVersion7()}/review", new { note = "Ok." }, Ct);
        // The police district's grant is the police's to review (ADR-018): not found for the municipal officer.
        var otherAgency = await officer.PostAsJsonAsync($"/api/v1/privacy/emergency-accesses/{policeGrant}/review", new { note = "Ok." }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherAgency.StatusCode);
        Assert.Null(await api.Factory.WithDbAsync(db => db.EmergencyAccesses.Where(e => e.Id == policeGrant).Select(e => e.ReviewedAt).SingleAsync(Ct)));
        Assert.Equal("Vurdert: i orden.", await api.Factory.WithDbAsync(db => db.EmergencyAccesses.Where(e => e.Id == grant).Select(e => e.ReviewNote).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Only_an_administrator_records_a_users_personal_details_and_the_number_is_not_echoed()
    {
        var target = await api.Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "mentor").Select(u => u.Id).SingleAsync(Ct));
        var url = $"/api/v1/admin/users/{target}/personal-details";

        var refused = await (await api.ClientForAsync("personvern")).PutAsJsonAsync(url, new { familyName = "Hansen" }, Ct);
        // The mentor is a municipal user: the municipality's administrator records their details.
        var invalid = await (await api.ClientForAsync("kommuneadmin")).PutAsJsonAsync(url, new { nationalIdentityNumber = "12345678901" }, Ct);
        var ok = await (await api.ClientForAsync("kommuneadmin")).PutAsJsonAsync(url, new { familyName = "Hansen", homeAddress = "Storgata 1" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.DoesNotContain("12345678901", await invalid.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Privacy_officer_searches_the_audit_and_reads_a_persons_change_history_as_json()
    {
        // A person registered by the municipality (the officer's own agency, ADR-018). Not a demo person: the demo seeds
        // both agencies' persons in one audit event, which belongs to neither alone and is left out of the search.
        var created = await (await api.ClientForAsync("saksbehandler")).PostAsJsonAsync("/api/v1/persons", new { givenName = "Revisjon", familyName = "Søk", dateOfBirth = "1999-04-01" }, Ct);
        var person = (await created.Content.ReadFromJsonAsync<Created>(Ct))!.Id;
        var client = await api.ClientForAsync("personvern");

        var search = await client.GetAsync($"/api/v1/privacy/audit?personId={person}&entityType=Person", Ct);
        var history = await client.GetAsync($"/api/v1/privacy/persons/{person}/change-history", Ct);
        var reversed = await client.GetAsync("/api/v1/privacy/audit?from=2026-11-25T00:00:00Z&to=2026-11-01T00:00:00Z", Ct);

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.True((await search.Content.ReadFromJsonAsync<PageCount>(Ct))!.TotalCount >= 1, "The demo person's registration is audited.");
        Assert.True((await history.Content.ReadFromJsonAsync<PageCount>(Ct))!.TotalCount >= 1);
    }

    [Fact]
    public async Task The_municipal_privacy_officer_gets_404_for_the_police_person_with_conversations_and_no_case_content_of_a_municipal_person()
    {
        // The demo police person with concluded police conversations (concern, account, conclusion, agreements).
        var police = await api.Factory.WithDbAsync(db => (
                from c in db.Conversations
                join f in db.FollowUps on c.FollowUpId equals f.Id
                where f.AgencyId == DemoData.PoliceDistrict && c.State == CaseManagement.Domain.Conversations.ConversationState.Concluded
                select f.PersonId)
            .FirstAsync(Ct));
        var municipal = await api.Factory.WithDbAsync(db => db.AuditSubjects
            .Where(s => s.EntityType == "Person" && db.Persons.Any(p => p.Id == s.PersonId && p.AgencyId == DemoData.Municipality))
            .Select(s => s.PersonId!.Value).FirstAsync(Ct));
        var client = await api.ClientForAsync("personvern");

        foreach (var url in new[]
                 {
                     $"/api/v1/privacy/persons/{police}/change-history",
                     $"/api/v1/privacy/persons/{police}/access-report",
                     $"/api/v1/privacy/persons/{police}/access-report.csv",
                     $"/api/v1/privacy/audit?personId={police}",
                 })
        {
            var response = await client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("nysgjerrig", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var history = await client.GetAsync($"/api/v1/privacy/persons/{municipal}/change-history?pageSize=100", Ct);
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        var changes = (await history.Content.ReadFromJsonAsync<HistoryPage>(Ct))!.Items;
        Assert.NotEmpty(changes);
        Assert.All(changes, c => Assert.False(c.Field.Length == 0));
        Assert.DoesNotContain(changes, c => c.WasEncrypted && (c.OldValue ?? c.NewValue) is not null);
        Assert.DoesNotContain(changes, c => c.Field is "FamilyName" or "GivenName" && c.NewValue is not null);
    }

    /// <summary>A fresh person of the municipality, written straight to the table (no reads of them yet).</summary>
    private Task<Guid> MunicipalPersonAsync() =>
        api.Factory.WithDbAsync(async db =>
        {
            var person = CaseManagement.Domain.Persons.Person.Register(
                Guid.CreateVersion7(), DemoData.Municipality,
                new CaseManagement.Domain.Persons.PersonDetails("Innsyn", "Testesen", new DateOnly(1990, 1, 2), null, null, null, null, "norsk", false),
                api.Factory.Clock.GetUtcNow());
            db.Persons.Add(person);
            await db.SaveChangesAsync(Ct);
            return person.Id;
        });

    private sealed record PageCount(int TotalCount);

    private sealed record Created(Guid Id);

    private sealed record HistoryPage(IReadOnlyList<HistoryItem> Items);

    private sealed record HistoryItem(string Field, string? OldValue, string? NewValue, bool WasEncrypted);
}
