using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// Writes docs/screenshots/individual-plan.png. Explicit: run by hand when the plan page changes, with
/// <c>dotnet test --project tests/CaseManagement.Tests -- --filter-class "*PlanScreenshots" --explicit only</c>.
/// Every person in it is made up.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanScreenshots(BrowserFixture browser, BrowserServer server)
{
    [Fact(Explicit = true)]
    public async Task Capture_the_individual_plan_page()
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "saksbehandler");
        await FollowUpDriver.RegisterPersonAsync(page, "Sofie", "Lunde", "21.01.1999");
        await FollowUpDriver.OpenFollowUpAsync(page, "Sofie", "Lunde", "21.01.1999", "Skole");
        await PlanDriver.CreatePlanAsync(page, "Siri Saksbehandler", "Jeg vil fullføre skolen og få meg en deltidsjobb.");
        await PlanDriver.AddGoalAsync(page, "Fullføre videregående skole");
        await PlanDriver.AddGoalAsync(page, "Få en deltidsjobb");
        await PlanDriver.AddMeasureAsync(page, "Fullføre videregående skole", "Leksehjelp på biblioteket", "Siri Saksbehandler", "Siri Saksbehandler");
        await PlanDriver.AddMeasureAsync(page, "Fullføre videregående skole", "Oppfølging om morgenen", "Sofie Lunde", "Sofie Lunde");
        await PlanDriver.AddMeasureAsync(page, "Få en deltidsjobb", "Praksisplass gjennom NAV", "Siri Saksbehandler", "Siri Saksbehandler");
        await page.GetByTestId("plan-approve").ClickAsync();
        await Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Godkjent versjon 1");
        await page.GetByTestId("plan-revise").ClickAsync();
        var row = page.GetByTestId("plan-measure").Filter(new() { HasText = "Praksisplass" });
        await row.GetByTestId("plan-measure-edit").ClickAsync();
        await page.Locator("#plan-measure-form").GetByLabel("Tiltak", new() { Exact = true }).FillAsync("Praksisplass i butikk gjennom NAV");
        await page.GetByTestId("measure-save").ClickAsync();
        await Expect(page.GetByTestId("plan-changes-since")).ToBeVisibleAsync();
        await page.Mouse.MoveAsync(0, 0);
        // A full-page capture of a scrolled page draws the fixed app bar mid-page.
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "individual-plan.png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CaseManagement.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CaseManagement.sln not found above the test output folder.");
    }
}
