using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// docs/screenshots/mentor-phone.png and coordinator-alert.png. Explicit: run by hand with
/// <c>dotnet test --project tests/CaseManagement.Tests -- --filter-class "*MentorScreenshots" --explicit only</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MentorScreenshots(BrowserFixture browser, BrowserServer server)
{
    [Fact(Explicit = true)]
    public async Task Capture_the_mentor_phone_view_and_the_coordinators_alert()
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);

        await using (var phone = await MentorPhoneDriver.PhoneContextAsync(browser, server))
        {
            var page = await phone.NewPageAsync();
            await BrowserSession.LoginAsync(page, "mentor");
            await MentorPhoneDriver.RecordEscalatingSessionAsync(page, "Fotballtrening og skole");
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "mentor-phone.png"), FullPage = true });
        }

        await using var desk = await BrowserSession.NewContextAsync(browser, server);
        var coordinator = await desk.NewPageAsync();
        await BrowserSession.LoginAsync(coordinator, "koordinator");
        await BrowserSession.OpenAsync(coordinator, "/varsler");
        await Expect(coordinator.GetByTestId("alert").First).ToBeVisibleAsync();
        await coordinator.Mouse.MoveAsync(0, 0);
        await coordinator.ScreenshotAsync(new() { Path = Path.Combine(folder, "coordinator-alert.png"), FullPage = true });
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
