using CaseManagement.Web.Components.Pages.Persons;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// One journey per role whose work exists: signed in with password and TOTP, the role's most common task done with
/// the keyboard alone where it matters (Tab to the link, Enter), focus visible, and axe on every page visited. The
/// demo data seeds a police follow-up (Aisha Berg, lead "politi", consent to NAV running out in 12 days) and a
/// municipal one (Sofie Ødegård, lead "saksbehandler", consent to SLT running out in 3 days).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleJourneyTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task Police_officer_goes_from_a_due_consent_to_the_follow_up_and_the_persons_timeline_by_keyboard()
    {
        var page = await SignedInAsync("politi");

        await Expect(page.GetByTestId("due-item").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("due-strip").GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("1 senere"));
        await AxeAsync(page, "home (police)");
        await KeyboardFollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Samtykket til" }).Filter(new() { HasText = "Aisha Berg" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Oppfølging for Aisha Berg");
        await AxeAsync(page, "follow-up (police)");
        await KeyboardFollowAsync(page, page.GetByTestId("timeline-link"));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tidslinje for Aisha Berg");
        await Expect(page.GetByTestId("timeline-event")).ToHaveCountAsync(3);
        await AxeAsync(page, "timeline (police)");
        await KeyboardFollowAsync(page, page.GetByTestId("timeline-filter-Consent"));
        await Expect(page.GetByTestId("timeline-event")).ToHaveCountAsync(1);
        await AxeAsync(page, "timeline filtered (police)");
    }

    [Fact]
    public async Task Case_worker_sees_the_consent_due_this_week_and_opens_the_follow_up_and_the_timeline()
    {
        var page = await SignedInAsync("saksbehandler");

        await Expect(page.GetByTestId("due-band-week")).ToContainTextAsync("Denne uken: 1");
        await AxeAsync(page, "home (case worker)");
        await KeyboardFollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Samtykket til" }).Filter(new() { HasText = "Sofie Ødegård" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Oppfølging for Sofie Ødegård");
        await AxeAsync(page, "follow-up (case worker)");
        await KeyboardFollowAsync(page, page.GetByTestId("timeline-link"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tidslinje for Sofie Ødegård");
        await AxeAsync(page, "timeline (case worker)");
    }

    [Fact]
    public async Task Prevention_coordinator_finds_the_follow_up_disclosed_to_SLT_through_the_menu_and_reads_it()
    {
        var page = await SignedInAsync("koordinator");

        await Expect(page.Locator("#due-empty")).ToBeVisibleAsync();
        await AxeAsync(page, "home (coordinator)");
        await KeyboardFollowAsync(page, page.Locator("#main-navigation").GetByRole(AriaRole.Link, new() { Name = "Oppfølginger" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mine oppfølginger");
        await Expect(page.GetByTestId("followup-person").Filter(new() { HasText = "Sofie Ødegård" })).ToBeVisibleAsync();
        await AxeAsync(page, "follow-up list (coordinator)");
        await KeyboardFollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Sofie Ødegård" }).Last);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Oppfølging for Sofie Ødegård");
        await Expect(page.GetByTestId("access-banner")).ToBeVisibleAsync();
        await AxeAsync(page, "follow-up read only (coordinator)");
        await KeyboardFollowAsync(page, page.GetByTestId("timeline-link"));
        // Read through a disclosure: the follow-up's opening, not the team's consents and disclosures.
        await Expect(page.GetByTestId("timeline-event")).ToHaveCountAsync(1);
        await AxeAsync(page, "timeline read only (coordinator)");
    }

    [Fact]
    public async Task Privacy_officer_has_no_tasks_and_reaches_the_privacy_page_from_home_by_keyboard()
    {
        var page = await SignedInAsync("personvern");

        await Expect(page.Locator("#home-no-case-work")).ToBeVisibleAsync();
        await Expect(page.Locator("#main-navigation a")).ToHaveCountAsync(2);
        await AxeAsync(page, "home (privacy officer)");
        await KeyboardFollowAsync(page, page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Personvern og logg" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Personvern");
        await AxeAsync(page, "privacy page");
    }

    [Fact]
    public async Task Administrator_reaches_user_administration_from_the_menu_by_keyboard()
    {
        var page = await SignedInAsync("admin");

        await Expect(page.Locator("#home-no-case-work")).ToBeVisibleAsync();
        await AxeAsync(page, "home (administrator)");
        await KeyboardFollowAsync(page, page.Locator("#main-navigation").GetByRole(AriaRole.Link, new() { Name = "Administrasjon" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Brukere");
        await AxeAsync(page, "user administration");
    }

    [Fact]
    public async Task The_skip_link_comes_before_the_menu_is_visible_when_focused_and_moves_focus_to_the_main_content()
    {
        var page = await SignedInAsync("politi");
        var skip = page.Locator("a.skip-link");

        // From the page heading (focused after navigation) back through the menu to the first stop.
        for (var presses = 0; presses < 40 && !await skip.EvaluateAsync<bool>("e => e === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
        }

        await Expect(skip).ToBeFocusedAsync();
        var box = await skip.BoundingBoxAsync();
        Assert.True(box is { X: >= 0, Width: > 0 }, "The skip link is off screen when focused.");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task A_typed_person_form_survives_a_reload_without_the_identity_number()
    {
        var page = await SignedInAsync("politi");
        await BrowserSession.OpenAsync(page, PersonRoutes.New);
        await PersonFormDriver.FillAsync(page, "Utkast", "Overlever", "01.02.2003", null);
        await page.Locator("#person-nin").FillAsync("01020312345");
        await page.Locator("#person-nin").BlurAsync();
        // The keeper writes every two seconds.
        await page.WaitForTimeoutAsync(3000);

        // A lost circuit ends in a reload; the draft is put back.
        await BrowserSession.LoadAsync(page, PersonRoutes.New);

        await Expect(page.GetByTestId("draft-restored")).ToBeVisibleAsync();
        await Expect(page.Locator("#person-givenName")).ToHaveValueAsync("Utkast");
        await Expect(page.Locator("#person-familyName")).ToHaveValueAsync("Overlever");
        await Expect(page.Locator("#person-nin")).ToHaveValueAsync("");
        var stored = await page.EvaluateAsync<string>("() => Object.keys(localStorage).map(k => localStorage.getItem(k)).join('|')");
        Assert.DoesNotContain("Utkast", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("01020312345", stored, StringComparison.Ordinal);
        await AxeAsync(page, "register with restored draft");
    }

    private async Task<IPage> SignedInAsync(string userName)
    {
        var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await server.ResetLoginThrottleAsync(userName);
        await BrowserSession.LoginAsync(page, userName);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mine oppgaver");
        return page;
    }

    /// <summary>axe once transitions have ended (a button turning filled is measured mid-fade otherwise).</summary>
    private static async Task AxeAsync(IPage page, string what)
    {
        await page.EvaluateAsync("() => Promise.all(document.getAnimations().filter(a => a.effect?.getTiming().iterations !== Infinity).map(a => a.finished))");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, what);
    }

    /// <summary>
    /// Keyboard only: Tab until the target has focus (it must be reachable, and its focus visible), then Enter.
    /// </summary>
    private static async Task KeyboardFollowAsync(IPage page, ILocator target)
    {
        await target.WaitForAsync();
        for (var presses = 0; presses < 120; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                var outline = await target.EvaluateAsync<string>("e => { const s = getComputedStyle(e); return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow; }");
                Assert.False(outline.StartsWith("none", StringComparison.Ordinal) && outline.EndsWith("none", StringComparison.Ordinal), $"Focus is not visible: {outline}");
                await page.Keyboard.PressAsync("Enter");
                await BrowserSession.WaitForCircuitAsync(page);
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail("The target could not be reached with the Tab key.");
    }
}
