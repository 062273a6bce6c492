using CaseManagement.Web.Components.Pages.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// Writes docs/screenshots/follow-up-conversations.png: the demo follow-up with its conversations, concern chart,
/// agreements tracker and timeline. Explicit: <c>-- --filter-class "*ConversationScreenshots" --explicit only</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConversationScreenshots(BrowserFixture browser, BrowserServer server)
{
    [Fact(Explicit = true)]
    public async Task Capture_the_follow_up_page_with_conversations()
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "politi");
        var followUpId = await server.WithDbAsync(db =>
            (from f in db.FollowUps join p in db.Persons on f.PersonId equals p.Id where p.FamilyName == "Lunde" && p.GivenName == "Marius" select f.Id).SingleAsync());

        await BrowserSession.LoadAsync(page, FollowUpRoutes.Details(followUpId));
        var section = page.GetByTestId("conversations-section");
        await Expect(section.GetByTestId("agreements-tracker")).ToBeVisibleAsync();
        await section.GetByText("Vis tallene som tabell").ClickAsync();
        await page.EvaluateAsync("() => { window.scrollTo(0, 0); document.activeElement?.blur(); }");
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "follow-up-conversations.png"), FullPage = true });
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
