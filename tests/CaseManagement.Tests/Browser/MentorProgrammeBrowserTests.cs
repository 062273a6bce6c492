using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>The coordinator's mentor programme pages and the family guide's pages, in Norwegian, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MentorProgrammeBrowserTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task The_coordinator_sees_the_roster_and_the_assignment_and_a_second_assignment_of_the_same_mentor_is_refused_on_its_field()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "koordinator");

        await BrowserSession.OpenAsync(page, "/mentorprogram");
        var roster = page.GetByTestId("mentor-roster");
        await Expect(roster.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mats Mentor" })).ToContainTextAsync("går snart ut");
        // The supervisor is picked by name among the municipality's prevention coordinators, never typed as an id.
        await roster.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mats Mentor" }).GetByRole(AriaRole.Button, new() { Name = "Profil" }).ClickAsync();
        var supervisor = page.GetByLabel("Veileder (koordinator)");
        await Expect(supervisor.Locator("option", new() { HasText = "Kari Koordinator" })).ToHaveCountAsync(1);
        await Expect(supervisor.Locator("option", new() { HasText = "Per Politi" })).ToHaveCountAsync(0);
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "mentor profile with the supervisor picker");
        await page.GetByTestId("assignments").GetByRole(AriaRole.Link, new() { Name = "Sofie Ødegård" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/mentorprogram/oppdrag/", StringComparison.Ordinal));
        await BrowserSession.WaitForCircuitAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mentoroppdrag: Sofie Ødegård med Mats Mentor");
        await Expect(page.GetByTestId("session").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("supervision-notes")).ToBeVisibleAsync();
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "assignment page");

        await BrowserSession.OpenAsync(page, "/mentorprogram/nytt");
        // Sofie's follow-up, where Mats already has an active assignment (other tests add follow-ups and assignments).
        var followUp = page.GetByLabel("Oppfølging");
        await followUp.SelectOptionAsync((await followUp.Locator("option", new() { HasText = "Sofie Ødegård" }).First.GetAttributeAsync("value"))!);
        var mentor = page.GetByLabel("Mentor", new() { Exact = true });
        await mentor.SelectOptionAsync((await mentor.Locator("option", new() { HasText = "Mats Mentor" }).First.GetAttributeAsync("value"))!);
        await page.GetByLabel("Politikontakt (radikaliseringskontakt)").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Begrunnelse for matchingen").FillAsync("Felles interesser.");
        await page.GetByLabel("Mentee samtykket (dato)").FillAsync("2026-11-24");
        await page.GetByLabel("Mål", new() { Exact = true }).FillAsync("Fullføre skolen.");
        await page.GetByLabel("Risikovurdering (også mentors egen sikkerhet)").FillAsync("Lav.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gi oppdrag" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "allerede et aktivt oppdrag" })).ToBeVisibleAsync();
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "new assignment with a refusal");
    }

    [Fact]
    public async Task The_family_guide_records_a_session_and_a_group_session_for_the_demo_family()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "familieveileder");

        await BrowserSession.OpenAsync(page, "/familier");
        await page.GetByTestId("family-courses").GetByRole(AriaRole.Link, new() { Name = "Familien Ødegård" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.Split('/').Length == 4);
        await BrowserSession.WaitForCircuitAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Familien Ødegård");
        var topic = "Rutiner " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Mona Ødegård").CheckAsync();
        await page.Locator("#guidance-topics").FillAsync(topic);
        await page.GetByLabel("Råd").FillAsync("Faste måltider sammen.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre samtale" }).ClickAsync();
        await Expect(page.GetByTestId("guidance-session").Filter(new() { HasText = topic })).ToContainTextAsync("Mona Ødegård");
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "family course page");

        await BrowserSession.OpenAsync(page, "/familier");
        await page.GetByRole(AriaRole.Link, new() { Name = "Foreldregruppe Sandefjord" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/familier/grupper/", StringComparison.Ordinal));
        await BrowserSession.WaitForCircuitAsync(page);
        await page.GetByLabel("Familien Ødegård").CheckAsync();
        await page.Locator("#group-topics").FillAsync("Grensesetting");
        await page.GetByLabel("Gruppenotat (gjelder hele gruppen)").FillAsync("Mona Ødegård fortalte mye.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre samling" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Gruppenotater kan ikke nevne én familie" })).ToBeVisibleAsync();
        await page.GetByLabel("Gruppenotat (gjelder hele gruppen)").FillAsync("God stemning.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre samling" }).ClickAsync();
        await Expect(page.GetByText("Familier til stede som du følger: Familien Ødegård").First).ToBeVisibleAsync();
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "group page");
    }
}
