using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using CaseManagement.Web.Components.Pages.Persons;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>axe-core on the person pages: no serious or critical violation (WCAG 2.1 AA and axe's best practices).</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task Person_list_has_no_serious_or_critical_accessibility_violations()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "politi");

        await BrowserSession.LoadAsync(page, PersonRoutes.List);
        await Expect(page.Locator("tbody tr").First).ToBeVisibleAsync();

        await AssertNoSeriousViolationsAsync(page, "list");
    }

    [Fact]
    public async Task Register_page_has_no_serious_or_critical_accessibility_violations_also_when_showing_errors()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "politi");

        await BrowserSession.OpenAsync(page, PersonRoutes.New);
        await page.GetByRole(AriaRole.Button, new() { Name = "Legg til foresatt" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Foresatt 1" })).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, "register");

        await page.GetByRole(AriaRole.Button, new() { Name = "Fjern foresatt 1" }).ClickAsync();
        await PersonFormDriver.FillAsync(page, "", "", "", "12345678901");
        await PersonFormDriver.SubmitAsync(page);
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Skjemaet har feil" })).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, "register with errors");
    }

    [Fact]
    public async Task Details_and_edit_pages_have_no_serious_or_critical_accessibility_violations()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "politi");

        await BrowserSession.OpenAsync(page, PersonRoutes.List);
        await page.GetByRole(AriaRole.Link, new() { Name = "Detaljer om Nordmann, Ola" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ola Nordmann");
        await AssertNoSeriousViolationsAsync(page, "details");

        await page.GetByRole(AriaRole.Link, new() { Name = "Endre" }).ClickAsync();
        await Expect(PersonFormDriver.Field(page, "Fornavn")).ToHaveValueAsync("Ola");
        await AssertNoSeriousViolationsAsync(page, "edit");
    }

    internal static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe found on the {what} page:\n" + string.Join("\n", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"- {violation.Impact} {violation.Id}: {violation.Help}\n" +
        string.Join("\n", violation.Nodes.Take(5).Select(n => $"    {n.Target} {n.Html}"));
}
