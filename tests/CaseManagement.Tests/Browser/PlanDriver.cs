using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>Drives the plan pages by visible labels and roles, as a case worker does.</summary>
public static class PlanDriver
{
    /// <summary>From the follow-up page: "Opprett individuell plan" with the given coordinator; returns the plan's id.</summary>
    public static async Task<Guid> CreatePlanAsync(IPage page, string coordinator, string goals)
    {
        await page.GetByTestId("plan-create-open").ClickAsync();
        var form = page.Locator("#plan-create-form");
        await FollowUpDriver.ChooseAsync(page, form.GetByLabel("Koordinator", new() { Exact = true }), coordinator);
        await form.GetByLabel("Personens egne mål, med egne ord", new() { Exact = true }).FillAsync(goals);
        await page.GetByTestId("plan-create-submit").ClickAsync();
        await page.GetByTestId("plan-link").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/planer/", StringComparison.Ordinal));
        await BrowserSession.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("plan-status")).ToContainTextAsync("Utkast til versjon 1");
        return Guid.Parse(new Uri(page.Url).AbsolutePath[^36..]);
    }

    public static async Task AddGoalAsync(IPage page, string text)
    {
        var form = page.Locator("#plan-goal-form");
        await form.GetByLabel("Nytt mål", new() { Exact = true }).FillAsync(text);
        await page.GetByTestId("plan-goal-add").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hovedmål: " + text })).ToBeVisibleAsync();
    }

    public static async Task AddMeasureAsync(IPage page, string goal, string description, string service, string person)
    {
        var form = page.Locator("#plan-measure-form");
        await FollowUpDriver.ChooseAsync(page, form.GetByLabel("Mål", new() { Exact = true }), goal);
        await form.GetByLabel("Tiltak", new() { Exact = true }).FillAsync(description);
        await FollowUpDriver.ChooseAsync(page, form.GetByLabel("Ansvarlig tjeneste", new() { Exact = true }), service);
        await form.GetByLabel("Ansvarlig person", new() { Exact = true }).FillAsync(person);
        await form.GetByLabel("Omfang", new() { Exact = true }).FillAsync("2 timer i uka");
        await page.GetByTestId("measure-save").ClickAsync();
        await Expect(page.GetByTestId("plan-message")).ToHaveTextAsync("Tiltaket er lagret.");
        await Expect(page.GetByTestId("plan-measure").Filter(new() { HasText = description })).ToHaveCountAsync(1);
    }
}
