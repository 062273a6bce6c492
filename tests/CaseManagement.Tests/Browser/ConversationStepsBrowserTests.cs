using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Conversations;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Web.Components.Pages.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>The stepped conversation page keeps the officer's input between steps and through a conflicting save.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConversationStepsBrowserTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task Input_survives_moving_between_steps_and_a_stale_save_is_a_friendly_conflict_that_keeps_it()
    {
        var familyName = FollowUpDriver.Unique("Steg");
        var person = await server.SendAsAsync<PersonRegistered>("politi", new RegisterPerson("Lea", familyName, new DateOnly(1994, 6, 1)));
        var followUp = await server.SendAsAsync<FollowUpOpened>("politi", new OpenFollowUp(person.Id, ConcernSource.School));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(server.Now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo")).DateTime);
        var conversation = await server.SendAsAsync<ConversationRegistered>("politi", new RegisterConversation(
            followUp.Id, ConversationKind.Concern, today, ConcernSource.School, "Bekymring fra skolen."));
        await server.SendAsAsync<ConversationSaved>("politi", new MoveConversation(conversation.Id, await VersionAsync(conversation.Id), ConversationState.Assessed));

        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "politi");
        await BrowserSession.OpenAsync(page, ConversationRoutes.Details(conversation.Id));
        var notes = page.GetByLabel("Forberedelsesnotater", new() { Exact = true });
        await notes.FillAsync("Møtes på skolen etter siste time.");

        await page.GetByTestId("step-Conversation").ClickAsync();
        await Expect(page.GetByLabel("Personens egen fremstilling")).ToBeVisibleAsync();
        await page.GetByTestId("step-Preparation").ClickAsync();
        await Expect(notes).ToHaveValueAsync("Møtes på skolen etter siste time.");

        // A colleague saves first: the officer's save is refused as a conflict, nothing of theirs is lost.
        await server.SendAsAsync<ConversationSaved>("politi", new SaveConversationPreparation(
            conversation.Id, await VersionAsync(conversation.Id), today, AttendanceTrack.Voluntary, false, [], AssessmentNote: "Annen vurdering."));
        await page.GetByTestId("save-Preparation").ClickAsync();
        await Expect(page.GetByTestId("conversation-conflict")).ToContainTextAsync("Samtalen er endret av en annen");
        await Expect(notes).ToHaveValueAsync("Møtes på skolen etter siste time.");
        Assert.Null(await server.WithDbAsync(db => db.Conversations.Where(c => c.Id == conversation.Id).Select(c => c.PreparationNotes).SingleAsync()));

        await page.GetByRole(AriaRole.Button, new() { Name = "Behold det jeg har skrevet" }).ClickAsync();
        await page.GetByTestId("save-Preparation").ClickAsync();
        await Expect(page.GetByTestId("conversation-saved")).ToHaveTextAsync("Forberedelse: lagret.");
        Assert.Equal("Møtes på skolen etter siste time.",
            await server.WithDbAsync(db => db.Conversations.Where(c => c.Id == conversation.Id).Select(c => c.PreparationNotes).SingleAsync()));
    }

    private Task<string> VersionAsync(Guid conversationId) =>
        server.WithDbAsync(async db => ConcurrencyTokens.Read(db.Entry(await db.Conversations.SingleAsync(c => c.Id == conversationId))));
}
