using CaseManagement.Web.Components.Pages.Persons;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// One journey per role: signed in with password and TOTP, the role's most common task done with the keyboard alone
/// where it matters (Tab to the link or button, Enter), focus visible, and axe on every page visited. The demo data
/// seeds a police follow-up (Aisha Berg, lead "politi", consent to NAV running out in 12 days), Marius Lunde's police
/// follow-up with conversations and agreements (lead "politi", "radkontakt" on the team), a municipal one (Sofie
/// Ødegård, lead "saksbehandler", consent to SLT running out in 3 days) and the coordinator's follow-up of Sofie with
/// the mentor assignment (mentor) and the family guidance course "Familien Ødegård" (familieveileder). Other tests
/// add to the same server, so the journeys assert what the role must see, never totals.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleJourneyTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task Police_officer_goes_from_a_due_consent_to_the_follow_up_and_the_persons_timeline_by_keyboard()
    {
        var page = await SignedInAsync("politi");

        // Aisha's consent runs out in 12 days: among the later items (other demo follow-ups add more, so no totals).
        await Expect(page.GetByTestId("due-item").Filter(new() { HasText = "Aisha Berg" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("due-strip").GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(@"[1-9]\d* senere"));
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

        // Sofie's consent runs out in 3 days: counted this week and listed.
        await Expect(page.GetByTestId("due-band-week")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Denne uken: [1-9]"));
        await Expect(page.GetByTestId("due-item").Filter(new() { HasText = "Sofie Ødegård" })).ToBeVisibleAsync();
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

        // The home page has loaded (the coordinator's own mentor follow-up may put items there; no totals asserted).
        await Expect(page.GetByTestId("due-status")).Not.ToContainTextAsync("Henter");
        await AxeAsync(page, "home (coordinator)");
        await KeyboardFollowAsync(page, page.Locator("#main-navigation").GetByRole(AriaRole.Link, new() { Name = "Oppfølginger" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mine oppfølginger");
        // Two follow-ups of Sofie: the coordinator's own mentor follow-up (team) and NAV's, disclosed to SLT (read only).
        var disclosed = page.GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.GetByTestId("followup-person").GetByText("Sofie Ødegård", new() { Exact = true }) })
            .Filter(new() { Has = page.GetByTestId("followup-access").GetByText("Kun lesetilgang") });
        await Expect(disclosed).ToHaveCountAsync(1);
        await AxeAsync(page, "follow-up list (coordinator)");
        await KeyboardFollowAsync(page, disclosed.GetByRole(AriaRole.Link));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Oppfølging for Sofie Ødegård");
        await Expect(page.GetByTestId("access-banner")).ToBeVisibleAsync();
        await AxeAsync(page, "follow-up read only (coordinator)");
        await KeyboardFollowAsync(page, page.GetByTestId("timeline-link"));
        // Read through a disclosure: NAV's follow-up shows its opening, not that team's consents and disclosures (the
        // coordinator's own follow-up of Sofie adds its openings and sessions, which this test does not count).
        await Expect(page.GetByTestId("timeline-filter-FollowUpOpened")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("timeline-filter-Consent")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("timeline-filter-Disclosure")).ToHaveCountAsync(0);
        await AxeAsync(page, "timeline read only (coordinator)");

        // The coordinator's own work: the mentor programme (the roster and the assignments).
        await KeyboardFollowAsync(page, page.Locator("#main-navigation").GetByRole(AriaRole.Link, new() { Name = "Mentorordningen" }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mentorordningen");
        await Expect(page.GetByTestId("mentor-roster")).ToContainTextAsync("Mats Mentor");
        await AxeAsync(page, "mentor programme (coordinator)");
    }

    [Fact]
    public async Task Radicalisation_contact_opens_the_planned_follow_up_conversation_from_the_work_list_by_keyboard()
    {
        var page = await SignedInAsync("radkontakt");

        // On the team of Marius Lunde's police follow-up (demo data): his agreement reviews are the contact's too.
        await Expect(page.GetByTestId("due-item").Filter(new() { HasText = "Marius Lunde" }).First).ToBeVisibleAsync();
        await AxeAsync(page, "home (radicalisation contact)");
        await KeyboardFollowAsync(page, page.Locator("#main-navigation").GetByRole(AriaRole.Link, new() { Name = "Samtaler" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Samtaler");
        var planned = page.GetByTestId("conversation-worklist").GetByRole(AriaRole.Row)
            .Filter(new() { HasText = "Marius Lunde" })
            .Filter(new() { HasText = "Oppfølgingssamtale" });
        await Expect(planned).ToHaveCountAsync(1);
        await AxeAsync(page, "conversation work list (radicalisation contact)");
        await KeyboardFollowAsync(page, planned.GetByRole(AriaRole.Link, new() { Name = "Oppfølgingssamtale" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Oppfølgingssamtale med Marius Lunde");
        await AxeAsync(page, "conversation (radicalisation contact)");
    }

    [Fact]
    public async Task Mentor_on_a_phone_goes_from_home_to_the_mentee_and_records_a_session()
    {
        await using var phone = await MentorPhoneDriver.PhoneContextAsync(browser, server);
        var page = await SignedInAsync("mentor", phone);
        var topics = "Trening og jobb " + Guid.NewGuid().ToString("N")[..6];

        await AxeAsync(page, "home (mentor, phone)");
        // On a phone the menu is closed: open it with its button, then follow the link.
        await KeyboardFollowAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Meny" }));
        await KeyboardFollowAsync(page, page.Locator("#main-navigation").GetByRole(AriaRole.Link, new() { Name = "Mine mentees" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mine mentees");
        await AxeAsync(page, "my mentees (mentor, phone)");
        await KeyboardFollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Registrer samtale med Sofie" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Sofie");
        await AxeAsync(page, "mentee (mentor, phone)");
        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Aktivitet" });
        await page.GetByLabel("Varighet (minutter)").FillAsync("45");
        await page.GetByLabel("Tema").FillAsync(topics);
        await Expect(page.GetByLabel("Jeg frykter alvorlig kriminalitet – varsle koordinator og politiet nå")).Not.ToBeCheckedAsync();
        await KeyboardFollowAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Lagre samtale" }));

        await Expect(page.GetByTestId("session-saved")).ToHaveTextAsync("Samtalen er registrert.");
        await Expect(page.GetByTestId("session").Filter(new() { HasText = topics })).ToHaveCountAsync(1);
        await AxeAsync(page, "mentee after the session (mentor, phone)");
    }

    [Fact]
    public async Task Family_guide_opens_the_family_and_records_a_guidance_session()
    {
        var page = await SignedInAsync("familieveileder");
        var topics = "Måltider " + Guid.NewGuid().ToString("N")[..6];

        await AxeAsync(page, "home (family guide)");
        await KeyboardFollowAsync(page, page.Locator("#main-navigation").GetByRole(AriaRole.Link, new() { Name = "Familieveiledning" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Familieveiledning");
        await AxeAsync(page, "families (family guide)");
        await KeyboardFollowAsync(page, page.GetByTestId("family-courses").GetByRole(AriaRole.Link, new() { Name = "Familien Ødegård", Exact = true }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Familien Ødegård");
        await AxeAsync(page, "family course (family guide)");
        await page.GetByLabel("Mona Ødegård").CheckAsync();
        await page.Locator("#guidance-topics").FillAsync(topics);
        await page.GetByLabel("Råd").FillAsync("Spis middag sammen.");
        await KeyboardFollowAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Lagre samtale" }));

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Samtalen er registrert." })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("guidance-session").Filter(new() { HasText = topics })).ToContainTextAsync("Mona Ødegård");
        await AxeAsync(page, "family course after the session (family guide)");
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

        // The check of both log chains: the served app seals in the background, so they verify intact.
        await BrowserSession.OpenAsync(page, "/personvern/revisjon");
        await page.GetByTestId("verify-chains").ClickAsync();
        await Expect(page.GetByTestId("chain-report")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=chain-report][data-intact=true]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-chain=audit]")).ToContainTextAsync("Intakt");
        await AxeAsync(page, "audit page with the chain check");
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

    private async Task<IPage> SignedInAsync(string userName, IBrowserContext? context = null)
    {
        context ??= await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, userName);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mine oppgaver");
        return page;
    }

    /// <summary>
    /// axe once transitions have ended (a button turning filled is measured mid-fade otherwise). An animation that is
    /// cancelled instead (a ripple cut short by a re-render) has ended too: its promise rejects, which is not an error.
    /// </summary>
    private static async Task AxeAsync(IPage page, string what)
    {
        await page.EvaluateAsync("() => Promise.all(document.getAnimations().filter(a => a.effect?.getTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))");
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
