using CaseManagement.Web.Components.Pages.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// Writes docs/screenshots/follow-up.png. Explicit, like <see cref="DocumentationScreenshots"/>: run by hand when the
/// page changes, with <c>dotnet test --project tests/CaseManagement.Tests -- --filter-class "*FollowUpScreenshots" --explicit only</c>.
/// Every person in it is made up.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FollowUpScreenshots(BrowserFixture browser, BrowserServer server)
{
    [Fact(Explicit = true)]
    public async Task Capture_the_follow_up_page()
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "politi");

        await FollowUpDriver.RegisterPersonAsync(page, "Emil", "Strand", "08.10.1999");
        var followUpId = await FollowUpDriver.OpenFollowUpAsync(page, "Emil", "Strand", "08.10.1999", "Familie");

        var colleague = await server.WithDbAsync(db => db.Users.Where(u => u.UserName == "radkontakt").Select(u => u.Id).SingleAsync());
        await page.GetByLabel("Bruker-ID", new() { Exact = true }).FillAsync(colleague.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Legg til i teamet", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Rune Radikaliseringskontakt", Exact = true })).ToBeVisibleAsync();

        await FollowUpDriver.RecordConsentAsync(page, "NAV Sandefjord (Sandefjord kommune)", "Oppfølgingen", "Samordnet oppfølging med NAV");
        await FollowUpDriver.RecordConsentAsync(page, "Barneverntjenesten (Sandefjord kommune)", "Samtaler", "Deling av samtalereferater", "Nekter (registrer avslaget)", "Muntlig");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ny utlevering" }).ClickAsync();
        var form = page.Locator("#disclosure-form");
        await FollowUpDriver.ChooseAsync(page, form.GetByLabel("Utlevert til", new() { Exact = true }), "NAV Sandefjord (Sandefjord kommune)");
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "Oppfølgingen", Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Radio, new() { Name = "Samtykke", Exact = true }).CheckAsync();
        await FollowUpDriver.ChooseAsync(page, form.GetByLabel("Samtykket utleveringen bygger på", new() { Exact = true }), "NAV Sandefjord: Samordnet oppfølging med NAV (Oppfølgingen)");
        await form.GetByLabel("Begrunnelse", new() { Exact = true }).FillAsync("NAV følger opp arbeid og bolig i samme periode.");
        await form.GetByLabel("Gyldig til og med", new() { Exact = true }).FillAsync(FollowUpFormat.Date(server.Now.AddDays(90)));
        await form.GetByRole(AriaRole.Button, new() { Name = "Utlever", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("disclosure-done")).ToHaveTextAsync("Utleveringen er registrert.");

        // A fresh load, scrolled to the top: the app bar is fixed and would otherwise land mid-picture.
        await BrowserSession.LoadAsync(page, FollowUpRoutes.Details(followUpId));
        await Expect(page.GetByTestId("disclosure-row")).ToHaveCountAsync(1);
        await page.EvaluateAsync("() => { window.scrollTo(0, 0); document.activeElement?.blur(); }");
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "follow-up.png"), FullPage = true });
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
