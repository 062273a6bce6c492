using CaseManagement.Application.Data;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Mentors;
using CaseManagement.Domain.Persons;
using CaseManagement.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// The mentor on a phone (390 × 844) records a session with the escalation flag; the coordinator sees the alert in
/// the top bar and on the alerts page and records how it was handled. Uses the demo assignment (mentor – Sofie).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MentorJourneyTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task A_mentor_on_a_phone_escalates_and_the_coordinator_sees_and_handles_the_alert()
    {
        var topics = "Fotball og skole " + Guid.NewGuid().ToString("N")[..6];
        await using (var phone = await MentorPhoneDriver.PhoneContextAsync(browser, server))
        {
            var page = await phone.NewPageAsync();
            await BrowserSession.LoginAsync(page, "mentor");
            await MentorPhoneDriver.RecordEscalatingSessionAsync(page, topics);
            await Expect(page.GetByTestId("session").Filter(new() { HasText = topics })).ToHaveCountAsync(1);
            await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "mentor's phone view");
            // Nothing on the mentor's page is wider than the phone.
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"The mentor's page is {width} px wide on a 390 px screen.");

            // Another mentor's mentee by address: looks exactly like one that does not exist.
            var other = await OtherMentorsAssignmentAsync();
            await BrowserSession.OpenAsync(page, $"/mentor/mentees/{other}");
            await Expect(page.GetByTestId("mentee-not-found")).ToBeVisibleAsync();
            await Expect(page.GetByText("Hemmelig")).ToHaveCountAsync(0);
        }

        await using var desk = await BrowserSession.NewContextAsync(browser, server);
        var coordinator = await desk.NewPageAsync();
        await BrowserSession.LoginAsync(coordinator, "koordinator");
        // The home page ("Mine oppgaver") has the alert at the top, as a link; the top bar has the badge.
        await BrowserSession.OpenAsync(coordinator, "/");
        await Expect(coordinator.Locator("main a").Filter(new() { HasText = "Bekymringsvarsel fra mentor om Sofie" }).First).ToBeVisibleAsync();
        await Expect(coordinator.GetByTestId("alert-badge")).ToBeVisibleAsync();
        await coordinator.GetByTestId("alert-badge").ClickAsync();
        await coordinator.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/varsler");
        await BrowserSession.WaitForCircuitAsync(coordinator);

        var open = coordinator.GetByTestId("alert").Filter(new() { Has = coordinator.Locator("textarea") }).First;
        await Expect(open).ToContainTextAsync("Bekymringsvarsel fra mentor: Sofie");
        await Expect(open).ToContainTextAsync("Mats Mentor");
        await Expect(open).Not.ToContainTextAsync(topics);
        await FollowUpDriver.AssertNoSeriousViolationsAsync(coordinator, "alerts page");
        var alertId = Guid.Parse((await open.GetAttributeAsync("id"))!["alert-".Length..]);
        await open.GetByLabel("Hva gjorde du? (påkrevd)").FillAsync("Ringte mentoren og politiets radikaliseringskontakt.");
        await open.GetByRole(AriaRole.Button, new() { Name = "Registrer håndtering" }).ClickAsync();
        await Expect(coordinator.Locator($"#alert-{alertId}").GetByTestId("alert-handled")).ToContainTextAsync("Ringte mentoren");

        var recorded = await server.WithDbAsync(db =>
            (from r in db.AlertRecipients
             join u in db.Users on r.UserId equals u.Id
             where r.AlertId == alertId
             select new { u.UserName, r.HandledAt }).ToListAsync());
        Assert.Equal(["koordinator", "radkontakt"], recorded.Select(r => r.UserName!).Order(StringComparer.Ordinal));
        Assert.NotNull(recorded.Single(r => r.UserName == "koordinator").HandledAt);
        Assert.True(await server.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.MessageName == "HandleAlert")));
    }

    /// <summary>An assignment of a second mentor, written straight to the served app's database.</summary>
    private Task<Guid> OtherMentorsAssignmentAsync() =>
        server.WithDbAsync(async db =>
        {
            var now = server.Now;
            var coordinator = await db.Users.Where(u => u.UserName == "koordinator").Select(u => u.Id).SingleAsync();
            var contact = await db.Users.Where(u => u.UserName == "radkontakt").Select(u => u.Id).SingleAsync();
            var otherMentor = new AppUser { Id = Guid.CreateVersion7(), UserName = "mentor-" + Guid.NewGuid().ToString("N"), DisplayName = "Annen Mentor", UnitId = DemoData.MentorService };
            var person = Person.Register(Guid.CreateVersion7(), DemoData.Municipality, new PersonDetails("Hemmelig", "Mentee", new DateOnly(2001, 1, 1), null, null, null, null, "norsk", false), now);
            var followUp = FollowUp.Open(Guid.CreateVersion7(), person.Id, DemoData.Municipality, ConcernSource.Other, RetentionClass.MunicipalService, coordinator, now);
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var assignment = MentorAssignment.Create(
                Guid.CreateVersion7(), followUp.Id, person.Id, otherMentor.Id, coordinator, contact, ReferralSource.Other, "Test", today.AddDays(-3), "Hemmelige mål", 7,
                MentorSafetyRisk.Low, "Lav", today.AddDays(-2), null, coordinator, now);
            db.AddRange(otherMentor, person, followUp, assignment);
            await db.SaveChangesAsync();
            return assignment.Id;
        });
}

/// <summary>The mentor's phone in the browser tests and the screenshots.</summary>
public static class MentorPhoneDriver
{
    public static async Task<IBrowserContext> PhoneContextAsync(BrowserFixture browser, BrowserServer server)
    {
        var context = await (await browser.GetBrowserAsync()).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address,
            Locale = "nb-NO",
            TimezoneId = "Europe/Oslo",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        context.SetDefaultTimeout((float)BrowserSession.Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)BrowserSession.Timeout.TotalMilliseconds);
        return context;
    }

    /// <summary>The mentor opens the demo mentee from "Mine mentees" and records a session with the escalation flag.</summary>
    public static async Task RecordEscalatingSessionAsync(IPage page, string topics)
    {
        await BrowserSession.OpenAsync(page, "/mentor");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mine mentees");
        await page.GetByRole(AriaRole.Link, new() { Name = "Registrer samtale med Sofie" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/mentor/mentees/", StringComparison.Ordinal));
        await BrowserSession.WaitForCircuitAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Sofie");

        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Aktivitet" });
        await page.GetByLabel("Varighet (minutter)").FillAsync("75");
        await page.GetByLabel("Tema").FillAsync(topics);
        await page.GetByLabel("Risikofaktorer du så").FillAsync("Snakket om en planlagt handling.");
        await page.GetByLabel("Jeg frykter alvorlig kriminalitet – varsle koordinator og politiet nå").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre og varsle nå" }).ClickAsync();
        await Expect(page.GetByTestId("session-saved")).ToContainTextAsync("koordinatoren og politikontakten er varslet");
    }
}
