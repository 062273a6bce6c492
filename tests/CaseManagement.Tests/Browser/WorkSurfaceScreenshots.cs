using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// Writes docs/screenshots/home.png and timeline.png from the demo data. Explicit: run by hand when the pages change,
/// with <c>dotnet test --project tests/CaseManagement.Tests -- --filter-class "*WorkSurfaceScreenshots" --explicit only</c>.
/// Every person in them is made up.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkSurfaceScreenshots(BrowserFixture browser, BrowserServer server)
{
    [Fact(Explicit = true)]
    public async Task Capture_the_home_page_and_the_person_timeline()
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await server.ResetLoginThrottleAsync("politi");
        await BrowserSession.LoginAsync(page, "politi");

        await Expect(page.GetByTestId("due-item").First).ToBeVisibleAsync();
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "home.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Samtykket til" }).First.ClickAsync();
        await page.GetByTestId("timeline-link").ClickAsync();
        await Expect(page.GetByTestId("timeline-event").First).ToBeVisibleAsync();
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "timeline.png"), FullPage = true });
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

        throw new InvalidOperationException("Repository root not found.");
    }
}
