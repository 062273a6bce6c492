using CaseManagement.Web.Components.Pages.Persons;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// A person page opened from a bookmark, a pasted link or a reload. Guards the CSP's <c>base-uri 'self'</c>: with
/// <c>'none'</c> the browser ignores App.razor's <c>&lt;base href="/"&gt;</c>, asset paths resolve under
/// <c>/personer/</c> and 404, and the circuit never starts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeepLinkTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task A_nested_person_page_loaded_directly_becomes_interactive()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "politi");

        await page.GotoAsync(PersonRoutes.New);

        await Expect(page.Locator("[data-circuit=ready]")).ToBeAttachedAsync(new() { Timeout = 10_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Registrer person");
    }
}
