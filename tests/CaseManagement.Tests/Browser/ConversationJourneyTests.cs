using CaseManagement.Domain.Conversations;
using CaseManagement.Web.Components.Pages.Conversations;
using CaseManagement.Web.Components.Pages.FollowUps;
using CaseManagement.Web.Components.Pages.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// The police officer's journey in Norwegian: a concern about an adult, a conversation held with two agreements, a
/// referral to a mentor, and the follow-up conversation among the officer's due work.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConversationJourneyTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task An_officer_registers_a_concern_about_an_adult_holds_the_conversation_with_two_agreements_refers_to_a_mentor_and_sees_the_follow_up_conversation()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "politi");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(server.Now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo")).DateTime);

        var familyName = FollowUpDriver.Unique("Samtale");
        await FollowUpDriver.RegisterPersonAsync(page, "Adam", familyName, "04.02.1996");
        var followUpId = await FollowUpDriver.OpenFollowUpAsync(page, "Adam", familyName, "04.02.1996", "På nett");

        // The concern.
        await page.GetByTestId("conversation-new").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ny samtale");
        await BrowserSession.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Bekymringssamtale", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "På nett", Exact = true }).CheckAsync();
        await page.GetByLabel("Beskrivelse av bekymringen").FillAsync("Deler voldsforherligende innhold i en lukket kanal.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer samtale" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Bekymringssamtale med Adam {familyName}");
        await BrowserSession.WaitForCircuitAsync(page);
        var conversationId = Guid.Parse(new Uri(page.Url).AbsolutePath[^36..]);
        await Expect(page.GetByTestId("age-rule")).ToContainTextAsync("18 år eller eldre");
        await Expect(page.GetByTestId("conversation-state")).ToHaveTextAsync("registrert");

        // Assessment, then the preparation step: saved with a participant, no guardians for an adult.
        await MoveAsync(page, ConversationState.Assessed, "vurdert");
        await Expect(page.GetByTestId("move-Ordered")).ToBeVisibleAsync();
        await page.GetByLabel("Vurdering", new() { Exact = true }).FillAsync("Politiet er best egnet; ingen straffbar handling.");
        await page.GetByTestId("participant-add").ClickAsync();
        await page.Locator("#participant-name-0").FillAsync($"Adam {familyName}");
        await page.GetByTestId("save-Preparation").ClickAsync();
        await Expect(page.GetByTestId("conversation-saved")).ToHaveTextAsync("Forberedelse: lagret.");

        // Ordered attendance for an adult is refused with the reason, nothing changes.
        await page.GetByTestId("move-Ordered").ClickAsync();
        await Expect(page.Locator("#conversation-errors")).ToContainTextAsync("Pålagt oppmøte");
        await Expect(page.GetByTestId("conversation-state")).ToHaveTextAsync("vurdert");

        await MoveAsync(page, ConversationState.Invited, "innkalt");
        await MoveAsync(page, ConversationState.Prepared, "forberedt");
        await MoveAsync(page, ConversationState.Held, "gjennomført");

        // The conversation step: what he was told, risk and protective factors.
        await page.GetByTestId("step-Conversation").ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "formålet med samtalen" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "at samtalen er frivillig" }).CheckAsync();
        await ChooseAsync(page, page.GetByTestId("area-Online").GetByLabel("Risiko", new() { Exact = true }), "3 sterk");
        await ChooseAsync(page, page.GetByTestId("area-Family").GetByLabel("Beskyttelse", new() { Exact = true }), "2 tydelig");
        await page.GetByLabel("Personens egen fremstilling").FillAsync("Sier han var nysgjerrig og vil slutte.");
        await page.GetByTestId("save-Conversation").ClickAsync();
        await Expect(page.GetByTestId("conversation-saved")).ToHaveTextAsync("Samtalen: lagret.");

        // The conclusion and two agreements.
        await page.GetByTestId("step-Conclusion").ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "2 moderat", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Henvisning", Exact = true }).CheckAsync();
        await page.GetByTestId("save-Conclusion").ClickAsync();
        await Expect(page.GetByTestId("conversation-saved")).ToHaveTextAsync("Konklusjon og avtaler: lagret.");
        await AddAgreementAsync(page, "Forlater den lukkede kanalen.", today.AddDays(14));
        await AddAgreementAsync(page, "Møter mentor hver uke.", today.AddDays(28));
        await Expect(page.GetByTestId("conversation-agreements").Locator("li")).ToHaveCountAsync(2);

        // The referral to a mentor, on a legal basis: to the municipality's coordinator.
        await page.Locator("#referral-target").GetByRole(AriaRole.Radio, new() { Name = "Mentor", Exact = true }).CheckAsync();
        await ChooseAsync(page, page.Locator("#referral-form").GetByLabel("Grunnlag for deling", new() { Exact = true }), "Utlevering fra politiet for å forebygge lovbrudd (politiregisterloven § 23)");
        await page.GetByTestId("referral-send").ClickAsync();
        await Expect(page.GetByTestId("agreement-saved")).ToHaveTextAsync("Henvisningen er sendt til koordinatoren.");
        await Expect(page.GetByTestId("conversation-referrals")).ToContainTextAsync("Mentor");

        await MoveAsync(page, ConversationState.Concluded, "konkludert");

        // A follow-up conversation a week ahead.
        await page.GetByTestId("plan-follow-up").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ny samtale");
        await BrowserSession.WaitForCircuitAsync(page);
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Oppfølgingssamtale", Exact = true })).ToBeCheckedAsync();
        await page.GetByLabel("Samtaledato").FillAsync(PersonFormat.Date(today.AddDays(7)));
        await page.GetByLabel("Beskrivelse av bekymringen").FillAsync("Oppfølging av avtalene.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer samtale" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Oppfølgingssamtale med Adam {familyName}");
        var followUpConversation = Guid.Parse(new Uri(page.Url).AbsolutePath[^36..]);

        // The follow-up page: the chart, the agreements tracker and the timeline.
        await BrowserSession.OpenAsync(page, FollowUpRoutes.Details(followUpId));
        var section = page.GetByTestId("conversations-section");
        await Expect(section.GetByTestId("agreements-tracker").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(section.GetByRole(AriaRole.Img, new() { Name = "Bekymringsnivå over tid" })).ToBeVisibleAsync();
        await Expect(section.GetByTestId("conversation-timeline").Locator("li")).ToHaveCountAsync(4);
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "follow-up page with conversations");

        // Due work on the home page ("Mine oppgaver"): the follow-up conversation, as a link to it.
        await BrowserSession.OpenAsync(page, "/");
        var due = page.Locator($"a[href='{ConversationRoutes.Details(followUpConversation)}']");
        await Expect(due).ToContainTextAsync($"Oppfølgingssamtale med Adam {familyName} {PersonFormat.Date(today.AddDays(7))}");
        await due.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Oppfølgingssamtale med Adam {familyName}");

        await BrowserSession.OpenAsync(page, ConversationRoutes.WorkList);
        await Expect(page.GetByTestId("conversation-worklist").Locator($"a[href='{ConversationRoutes.Details(followUpConversation)}']")).ToHaveTextAsync("Oppfølgingssamtale");

        var stored = await server.WithDbAsync(db => db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId));
        Assert.Equal((ConversationState.Concluded, ConcernLevel.Moderate, ConversationConclusion.Referral), (stored.State, stored.ConcernLevel, stored.Conclusion));
        Assert.Equal(2, await server.WithDbAsync(db => db.Agreements.CountAsync(a => a.ConversationId == conversationId)));
        var areas = await server.WithDbAsync(db => db.LifeAreaAssessments.AsNoTracking().Where(a => a.ConversationId == conversationId).ToListAsync());
        Assert.Equal(3, areas.Single(a => a.Area == LifeArea.Online).Risk);
        Assert.Equal(2, areas.Single(a => a.Area == LifeArea.Family).Protective);
        var referral = await server.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.ConversationId == conversationId));
        Assert.Equal((ReferralTarget.Mentor, ReferralStatus.Waiting, Infrastructure.DemoData.Slt), (referral.Target, referral.Status, referral.ToUnitId));
    }

    /// <summary>Picks an option of a MudBlazor select and waits until the select shows it.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    private static async Task MoveAsync(IPage page, ConversationState target, string stateText)
    {
        await page.GetByTestId($"move-{target}").ClickAsync();
        await Expect(page.GetByTestId("conversation-state")).ToHaveTextAsync(stateText);
    }

    private static async Task AddAgreementAsync(IPage page, string text, DateOnly reviewOn)
    {
        var form = page.Locator("#agreement-form");
        await form.GetByLabel("Avtale", new() { Exact = true }).FillAsync(text);
        await form.GetByRole(AriaRole.Radio, new() { Name = "personen selv", Exact = true }).CheckAsync();
        await form.GetByLabel("Gjennomgås", new() { Exact = true }).FillAsync(PersonFormat.Date(reviewOn));
        await page.GetByTestId("agreement-add").ClickAsync();
        await Expect(page.GetByTestId("agreement-saved")).ToHaveTextAsync("Avtalen er lagret.");
    }
}
