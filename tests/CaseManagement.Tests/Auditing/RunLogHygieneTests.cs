using System.Net;
using System.Net.Http.Json;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support;
using CaseManagement.Tests.Support.Databases;
using CaseManagement.Tests.Domain;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Auditing;

/// <summary>
/// R21 for every record kind: the free texts every use case of the kind sends (notes, assessments, agreements,
/// reasons) and an identity number are planted in <see cref="RunLog"/>, which sees every log line of every test host
/// in the run; then every use case of the kind runs as a user who may carry it out. No planted value may appear in
/// any log line, now or later in the run (the run fails at its end if one does).
/// </summary>
public sealed class RunLogHygieneTests(MatrixWorld world) : IClassFixture<MatrixWorld>
{
    /// <summary>The free texts the matrix's messages send (MatrixMessages, PlanMatrixMessages, MentorMatrixMessages).</summary>
    private static readonly string[] NoteTexts =
    [
        "Akutt fare for liv, ansvarlig er ikke å nå.", "Bekymring fra skolen.", "Felles interesse for musikk.", "Fullføre skoleåret.",
        "Grensesetting i familien.", "Møter på skolen.", "Overholdt.", "Ringte mentor og vakthavende.", "Samarbeid om oppfølging",
        "Samtaler hjemme.", "Storgata 1", "Støtte hjemme", "Veiledning om grenser.", "Vurdert og i orden.", "Mål nådd.", "Lav risiko.",
    ];

    /// <summary>Record kinds by feature folder: the messages of <c>Features/{kind}</c>.</summary>
    public static TheoryData<string> Kinds() =>
        new(MatrixMessages.Specs.Values.Select(KindOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static string KindOf(MessageSpec spec) => spec.MessageType.Namespace!.Split('.')[^1];

    [Theory, MemberData(nameof(Kinds))]
    public async Task No_identity_number_or_note_of_the_record_kind_reaches_any_log_line(string kind)
    {
        var site = await world.SiteAsync(DatabaseProvider.Sqlite);
        var h = site.Harness;
        foreach (var note in NoteTexts)
        {
            RunLog.Plant(note, "R21/note");
        }

        var linesBefore = RunLog.LineCount;
        var logBefore = h.Logs.Lines.Count;
        var carriedOut = new List<string>();
        foreach (var spec in MatrixMessages.Specs.Values.Where(s => KindOf(s) == kind).OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            foreach (var owner in Enum.GetValues<Owner>())
            {
                // A relation and role the table allows, so the use case runs to the end (writes, reads, logs).
                var row = AuthorisationMatrix.Rows.Where(r => r.Message == spec.Name)
                    .OrderBy(r => r.Relation == Relation.Lead ? 0 : 1)
                    .FirstOrDefault(r => r.Expected.Values.Contains(Outcome.Allowed));
                if (row is null)
                {
                    continue;
                }

                var role = row.Expected.First(e => e.Value == Outcome.Allowed).Key;
                Assert.Empty(await site.RunRowAsync(row, owner, [role]));
                carriedOut.Add(spec.Name);
            }
        }

        if (kind == "Persons")
        {
            // The identity number goes in, is searched for, read back and corrected.
            var officer = await h.PoliceOfficerAsync();
            var nin = TestIdentityNumbers.Unique(AdultBirthDate);
            var newNin = TestIdentityNumbers.Unique(AdultBirthDate);
            RunLog.Plant(nin, "R21/identity number");
            RunLog.Plant(newNin, "R21/identity number");
            var id = (await h.SendAsync(officer, new RegisterPerson(UniqueWord(), UniqueWord(), AdultBirthDate, nin))).Id;
            Assert.Single((await h.SendAsync(officer, new FindPersons(NationalIdentityNumber: nin))).Items);
            var view = await h.SendAsync(officer, new GetPerson(id));
            await h.SendAsync(officer, view.AsCorrection() with { NationalIdentityNumber = newNin });
            await Assert.ThrowsAsync<CaseManagement.Application.Common.RuleViolationException>(async () =>
                await h.SendAsync(officer, new RegisterPerson(UniqueWord(), UniqueWord(), AdultBirthDate, newNin)));
        }

        // Not vacuous: the use cases ran and were logged (by name) through the captured providers.
        Assert.NotEmpty(carriedOut);
        Assert.True(RunLog.LineCount > linesBefore, "No log line reached the run-wide capture.");
        var lines = h.Logs.Lines.Skip(logBefore).ToList();
        Assert.All(carriedOut.Distinct(), name => Assert.Contains(lines, l => l.Contains(name + " handled", StringComparison.Ordinal)));
        Assert.Empty(RunLog.HitsFor("R21/"));
    }
}

/// <summary>R21 for the secrets of signing in: the password, the one-time code secret, the tokens and the cookie.</summary>
public sealed class RunLogSignInHygieneTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_password_token_or_cookie_reaches_any_log_line()
    {
        var factory = api.Factory;
        RunLog.Plant(DemoData.DemoPassword, "R21/password");
        var linesBefore = RunLog.LineCount;

        using var browser = factory.CreateHttpsClient();
        Assert.True(await ApiSession.LoginAsync(browser, "politi"));
        var page = await browser.GetAsync("/", Ct);
        var cookies = page.RequestMessage!.Headers.TryGetValues("Cookie", out var sent) ? string.Join("; ", sent) : "";
        var authCookies = cookies.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.Split('=', 2)).Where(c => c.Length == 2 && c[1].Length >= 16).Select(c => c[1]).ToList();
        Assert.NotEmpty(authCookies);
        foreach (var cookie in authCookies)
        {
            RunLog.Plant(cookie, "R21/cookie");
        }

        var tokens = await ApiSession.TokensForAsync(factory, "politi");
        foreach (var token in new[] { tokens.AccessToken, tokens.RefreshToken, tokens.IdToken }.OfType<string>())
        {
            RunLog.Plant(token, "R21/token");
        }

        using var client = ApiSession.Bearer(factory, tokens.AccessToken);
        var created = await client.PostAsJsonAsync("/api/v1/persons", new { givenName = "Logg", familyName = UniqueWord(), dateOfBirth = AdultBirthDate }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(created.Headers.Location, Ct)).StatusCode);
        using var refresh = factory.CreateHttpsClient();
        var refreshed = await refresh.PostFormAsync("/connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = CaseManagement.Web.Security.OpenIdConnectClients.DevelopmentClientId,
            ["refresh_token"] = tokens.RefreshToken!,
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);

        Assert.True(RunLog.LineCount > linesBefore, "No log line reached the run-wide capture.");
        Assert.Empty(RunLog.HitsFor("R21/"));
    }
}
