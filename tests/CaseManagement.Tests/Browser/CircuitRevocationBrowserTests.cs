using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Web.Components.Pages.FollowUps;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// R10 in a live Blazor circuit: a withdrawn consent cuts a disclosed reader off on their next operation inside the
/// circuit they already have open — no new page load, no new sign-in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CircuitRevocationBrowserTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task A_withdrawn_consent_cuts_off_an_open_circuit_on_its_next_operation()
    {
        // The police lead shares the follow-up with NAV on the person's consent (arranged outside the browser).
        var familyName = FollowUpDriver.Unique("Samtykke");
        var person = await server.SendAsAsync<PersonRegistered>("politi", new RegisterPerson("Sara", familyName, new DateOnly(1995, 3, 1)));
        var followUp = await server.SendAsAsync<FollowUpOpened>("politi", new OpenFollowUp(person.Id, ConcernSource.Online));
        var now = server.Now;
        var consent = await server.SendAsAsync<ConsentRecorded>("politi", new RecordConsent(
            followUp.Id, ConsentGiver.Person, DemoData.Nav, RecordKinds.FollowUp, "Samordnet oppfølging", ConsentMethod.Written, now.AddMinutes(-1)));
        await server.SendAsAsync<DisclosureGranted>("politi", new GrantDisclosure(
            followUp.Id, DemoData.Nav, RecordKinds.FollowUp, "Samordnet oppfølging", now.AddMinutes(-1), now.AddDays(30), consent.Id));

        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "saksbehandler");
        await BrowserSession.OpenAsync(page, FollowUpRoutes.Details(followUp.Id));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Oppfølging for Sara " + familyName);

        // From here on the browser loads no document: everything happens in the open circuit.
        var documentLoads = 0;
        page.Request += (_, request) => documentLoads += request.ResourceType == "document" ? 1 : 0;

        await server.SendAsAsync<ConsentWithdrawn>("politi", new WithdrawConsent(followUp.Id, consent.Id));

        await page.EvaluateAsync("url => Blazor.navigateTo(url)", FollowUpRoutes.List);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Oppfølging for Sara " + familyName);
        await Expect(page.GetByText("Sara " + familyName)).ToHaveCountAsync(0);

        await page.EvaluateAsync("url => Blazor.navigateTo(url)", FollowUpRoutes.Details(followUp.Id));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Fant ikke oppfølgingen");
        await Expect(page.GetByText(familyName)).ToHaveCountAsync(0);
        Assert.Equal(0, documentLoads);
    }

    [Fact]
    public async Task A_change_made_in_the_browser_is_audited_with_the_clients_address_and_a_circuit_correlation_id()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "politi");
        var familyName = FollowUpDriver.Unique("Adresse");
        var personId = await FollowUpDriver.RegisterPersonAsync(page, "Ada", familyName, "01.02.1990");

        var audit = await server.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.AuditEvents.Where(e => db.AuditSubjects.Any(c => c.AuditEventId == e.Id && c.PersonId == personId) && e.MessageName == "RegisterPerson")));
        Assert.Equal("127.0.0.1", audit.ClientAddress);
        Assert.StartsWith("circuit-", audit.CorrelationId, StringComparison.Ordinal);
    }
}
