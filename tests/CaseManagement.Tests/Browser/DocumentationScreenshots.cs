using CaseManagement.Tests.Web;
using CaseManagement.Web.Components.Pages.Persons;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// Writes the screenshots in docs/screenshots. Explicit: run by hand when the pages change, with
/// <c>dotnet test --project tests/CaseManagement.Tests -- --filter-class "*DocumentationScreenshots" --explicit only</c>.
/// Every person in them is made up.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentationScreenshots(BrowserFixture browser, BrowserServer server)
{
    [Fact(Explicit = true)]
    public async Task Capture_the_person_list_and_details_pages()
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "politi");

        await RegisterAsync(page, "Emma", "Solberg", "02.09.1987", null);
        await RegisterAsync(page, "Jonas", "Lie", "11.01.2011", null, new PersonFormDriver.GuardianEntry("Hanne Lie", "Mor", "+47 912 34 567"));
        var nin = TestIdentityNumbers.BirthNumber(new DateOnly(2010, 3, 14), 112);
        await RegisterAsync(page, "Sander", "Haugen", "14.03.2010", nin,
            new PersonFormDriver.GuardianEntry("Kristin Haugen", "Mor", "+47 915 55 123"),
            new PersonFormDriver.GuardianEntry("Bjørn Haugen", "Far"));
        var detailsPath = new Uri(page.Url).AbsolutePath;

        await BrowserSession.OpenAsync(page, PersonRoutes.List);
        await Expect(page.Locator("tbody tr").First).ToBeVisibleAsync();
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "persons-list.png"), FullPage = true });

        await BrowserSession.OpenAsync(page, detailsPath);
        await Expect(page.GetByTestId("person-nin")).ToHaveTextAsync(nin[..6] + "*****");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "person-details.png"), FullPage = true });
    }

    private static async Task RegisterAsync(IPage page, string givenName, string familyName, string dateOfBirth, string? nin, params PersonFormDriver.GuardianEntry[] guardians)
    {
        await BrowserSession.OpenAsync(page, PersonRoutes.New);
        await PersonFormDriver.FillAsync(page, givenName, familyName, dateOfBirth, nin, guardians);
        await PersonFormDriver.SubmitAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(givenName + " " + familyName);
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
