using System.Text.RegularExpressions;
using CaseManagement.Web.Components.Pages.FollowUps;
using CaseManagement.Web.Components.Pages.Persons;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>Drives the follow-up pages the way a user does: by visible labels, roles and links.</summary>
public static partial class FollowUpDriver
{
    public static string Unique(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + (c % 26))));

    /// <summary>Registers a person through the person pages and returns their id (from the details address).</summary>
    public static async Task<Guid> RegisterPersonAsync(IPage page, string givenName, string familyName, string dateOfBirth)
    {
        await BrowserSession.OpenAsync(page, PersonRoutes.New);
        await PersonFormDriver.FillAsync(page, givenName, familyName, dateOfBirth);
        await PersonFormDriver.SubmitAsync(page);
        await page.WaitForURLAsync(PersonDetailsUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(givenName + " " + familyName);
        return Guid.Parse(new Uri(page.Url).AbsolutePath[^36..]);
    }

    /// <summary>From "Mine oppfølginger": "Opprett oppfølging", find the person by name, choose the source, open.</summary>
    public static async Task<Guid> OpenFollowUpAsync(IPage page, string givenName, string familyName, string dateOfBirth, string source)
    {
        await BrowserSession.OpenAsync(page, FollowUpRoutes.List);
        await page.GetByRole(AriaRole.Link, new() { Name = "Opprett oppfølging", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Opprett oppfølging");
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync(familyName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Søk", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Velg {familyName}, {givenName} (født {dateOfBirth})" }).ClickAsync();
        await Expect(page.GetByTestId("open-person")).ToContainTextAsync(givenName + " " + familyName);

        await page.GetByRole(AriaRole.Radio, new() { Name = source, Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opprett oppfølging", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(FollowUpUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Oppfølging for {givenName} {familyName}");
        await BrowserSession.WaitForCircuitAsync(page);
        return Guid.Parse(new Uri(page.Url).AbsolutePath[^36..]);
    }

    /// <summary>Records a consent (or refusal) in the open follow-up page's consent form.</summary>
    public static async Task RecordConsentAsync(IPage page, string unit, string kind, string purpose, string answer = "Samtykker", string method = "Skriftlig")
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer samtykke eller avslag" }).ClickAsync();
        var form = page.Locator("#consent-form");
        await ChooseAsync(page, form.GetByLabel("Tjeneste samtykket gjelder", new() { Exact = true }), unit);
        await form.GetByRole(AriaRole.Checkbox, new() { Name = kind, Exact = true }).CheckAsync();
        await form.GetByLabel("Formål", new() { Exact = true }).FillAsync(purpose);
        await form.GetByRole(AriaRole.Radio, new() { Name = answer, Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Radio, new() { Name = method, Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Registrer", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("consent-done")).ToHaveTextAsync(answer == "Samtykker" ? "Samtykket er registrert." : "Avslaget er registrert.");
    }

    /// <summary>Picks an option of a MudBlazor select: open it, click the option's text in the open popover.</summary>
    public static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
        await Expect(select).ToHaveValueAsync(option);
    }

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe found on the {what}:\n" + string.Join("\n", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"- {violation.Impact} {violation.Id}: {violation.Help}\n" +
        string.Join("\n", violation.Nodes.Take(5).Select(n => $"    {n.Target} {n.Html}"));

    [GeneratedRegex(@"/personer/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex PersonDetailsUrl();

    [GeneratedRegex(@"/oppfolginger/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    public static partial Regex FollowUpUrl();
}
