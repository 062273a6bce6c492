using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>The individual plan through a real browser, as a municipal case worker runs it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanBrowserTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task A_case_worker_creates_a_plan_approves_version_1_revises_a_measure_into_version_2_and_sees_the_difference()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "saksbehandler");
        var familyName = FollowUpDriver.Unique("Planlagt");
        await FollowUpDriver.RegisterPersonAsync(page, "Mina", familyName, "03.04.2002");
        await FollowUpDriver.OpenFollowUpAsync(page, "Mina", familyName, "03.04.2002", "Skole");

        var planId = await PlanDriver.CreatePlanAsync(page, "Siri Saksbehandler", "Jeg vil fullføre skolen og få en jobb.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Individuell plan for Mina " + familyName);
        await Expect(page.GetByTestId("plan-coordinator")).ToHaveTextAsync("Siri Saksbehandler");

        await PlanDriver.AddGoalAsync(page, "Fullføre skolen");
        await PlanDriver.AddGoalAsync(page, "Få en deltidsjobb");
        await PlanDriver.AddMeasureAsync(page, "Fullføre skolen", "Leksehjelp", "Siri Saksbehandler", "Siri Saksbehandler");
        await PlanDriver.AddMeasureAsync(page, "Fullføre skolen", "Oppfølging om morgenen", "Mina " + familyName, "Mina " + familyName);
        await PlanDriver.AddMeasureAsync(page, "Få en deltidsjobb", "Praksisplass gjennom NAV", "Siri Saksbehandler", "Siri Saksbehandler");
        await Expect(page.GetByTestId("plan-goal")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("plan-measure")).ToHaveCountAsync(3);
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "plan page with goals and measures");

        await page.GetByTestId("plan-approve").ClickAsync();
        await Expect(page.GetByTestId("plan-message")).ToHaveTextAsync("Versjon 1 er godkjent.");
        await Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Godkjent versjon 1");
        // The approved version is locked: no edit buttons, no measure form.
        await Expect(page.GetByTestId("plan-measure-edit")).ToHaveCountAsync(0);
        await Expect(page.Locator("#plan-measure-form")).ToHaveCountAsync(0);

        await page.GetByTestId("plan-revise").ClickAsync();
        await Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Utkast til versjon 2");
        var row = page.GetByTestId("plan-measure").Filter(new() { HasText = "Leksehjelp" });
        await row.GetByTestId("plan-measure-edit").ClickAsync();
        var form = page.Locator("#plan-measure-form");
        await Expect(form.GetByLabel("Tiltak", new() { Exact = true })).ToHaveValueAsync("Leksehjelp");
        await form.GetByLabel("Tiltak", new() { Exact = true }).FillAsync("Leksehjelp tre dager i uka");
        await FollowUpDriver.ChooseAsync(page, form.GetByLabel("Status", new() { Exact = true }), "Pågår");
        await page.GetByTestId("measure-save").ClickAsync();
        await Expect(page.GetByTestId("plan-message")).ToHaveTextAsync("Tiltaket er lagret.");

        var changes = page.GetByTestId("plan-changes-since");
        await Expect(changes).ToContainTextAsync("Tiltak «Leksehjelp tre dager i uka»: Beskrivelse endret fra «Leksehjelp» til «Leksehjelp tre dager i uka»");
        await Expect(changes).ToContainTextAsync("Status endret fra «Planlagt» til «Pågår»");
        await Expect(changes.Locator("li")).ToHaveCountAsync(2);
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "plan page with changes since version 1");

        await page.GetByTestId("plan-approve").ClickAsync();
        await Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Godkjent versjon 2");
        await Expect(page.GetByTestId("plan-version")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("plan-version-changes-2")).ToContainTextAsync("Beskrivelse endret fra «Leksehjelp» til «Leksehjelp tre dager i uka»");

        var versions = await server.WithDbAsync(db => db.PlanVersions.Where(v => v.PlanId == planId).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync());
        Assert.Equal([1, 2], versions);

        // The printable plan: plain words, no internal notes or consents.
        await page.GetByTestId("plan-print").ClickAsync();
        await Expect(page.GetByTestId("plan-print")).ToContainTextAsync("Dette er din individuelle plan.");
        await Expect(page.GetByTestId("plan-print")).ToContainTextAsync("Leksehjelp tre dager i uka");
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "printable plan");
    }
}
