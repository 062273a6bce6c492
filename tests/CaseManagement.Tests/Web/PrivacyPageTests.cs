using Bunit;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Web.Components.Pages.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Web;

/// <summary>The privacy officer's page on the real pipeline: marking an emergency access as reviewed.</summary>
public sealed class PrivacyPageTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_privacy_officer_reviews_an_emergency_access_with_a_note_and_it_leaves_the_queue()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (_, followUp) = await context.OpenFollowUpAsync("Nora", "Nødsen");
        var grantee = await context.AddUserAsync("politi2-test", "Pål Politi", DemoData.SandefjordStation, Role.PolicePreventionOfficer);
        var grant = Guid.CreateVersion7();
        await using (var scope = context.Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
            db.EmergencyAccesses.Add(EmergencyAccess.Grant(grant, grantee, followUp, "Akutt fare for liv, ansvarlig er ikke å nå.", DateTimeOffset.UtcNow.AddMinutes(-5)));
            await db.SaveChangesAsync(Ct);
        }

        // The follow-up is the police's: the police district's privacy officer reviews it (ADR-018).
        var officer = await context.AddUserAsync("personvern-test", "Pia Personvern", DemoData.LarvikStation, Role.PrivacyOfficer);
        context.SignInAs(officer);

        var cut = context.Bunit.Render<PrivacyPage>();
        cut.WaitForAssertion(() => Assert.Contains("Akutt fare for liv", cut.Find("[data-testid=review-queue]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Nødtilgang", cut.Find("[data-testid=review-queue]").TextContent, StringComparison.Ordinal);

        await cut.Find("button[aria-label='Gjennomgå nødtilgangen til Pål Politi']").ClickAsync();
        cut.WaitForAssertion(() => cut.Find("#review-form"));
        await cut.Find("#review-form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Contains("Merknad", cut.Find("#review-note-error").TextContent, StringComparison.Ordinal));

        await cut.Find("#review-note").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Vurdert: i orden." });
        await cut.Find("#review-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("markert som gjennomgått", cut.Find("[data-testid=privacy-done]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Akutt fare for liv", cut.Markup, StringComparison.Ordinal);
        await using var check = context.Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<CaseDbContext>().EmergencyAccesses.AsNoTracking().SingleAsync(e => e.Id == grant, Ct);
        Assert.Equal((officer, "Vurdert: i orden."), (stored.ReviewedByUserId!.Value, stored.ReviewNote));
    }

    [Fact]
    public async Task The_audit_page_searches_by_person_and_shows_the_change_history_without_values_and_the_other_agency_gets_not_found()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (person, _) = await context.OpenFollowUpAsync("Hanne", "Historikk");
        var view = await context.SendAsync(context.PoliceLead, new CaseManagement.Application.Features.Persons.GetPerson(person));
        await context.SendAsync(context.PoliceLead, new CaseManagement.Application.Features.Persons.CorrectPersonDetails(
            person, view.Version, view.GivenName, view.FamilyName, view.DateOfBirth, null, Phone: "+47 400 00 321"));
        // A police person: the municipality's privacy officer finds nothing; the police district's sees field names (ADR-018).
        var municipal = await context.AddUserAsync("personvern-kommune", "Kari Kommuneombud", DemoData.Slt, Role.PrivacyOfficer);
        context.SignInAs(municipal);
        var refused = context.Bunit.Render<AuditPage>();
        await refused.Find("#history-person-id").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = person.ToString() });
        await refused.Find("#history-form").SubmitAsync();
        refused.WaitForAssertion(() => Assert.NotNull(refused.Find("[data-testid=audit-problem]")));
        Assert.Empty(refused.FindAll("[data-testid=change-row]"));

        var officer = await context.AddUserAsync("personvern-test", "Pia Personvern", DemoData.LarvikStation, Role.PrivacyOfficer);
        context.SignInAs(officer);

        var cut = context.Bunit.Render<AuditPage>();
        await cut.Find("#audit-person-id").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = person.ToString() });
        await cut.Find("#audit-search-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=audit-row]").Count));
        var rows = cut.FindAll("[data-testid=audit-row]").Select(r => r.TextContent).ToList();
        Assert.Contains("CorrectPersonDetails", rows[0], StringComparison.Ordinal);
        Assert.Contains("Per Politi", rows[0], StringComparison.Ordinal);
        Assert.DoesNotContain("+47 400 00 321", cut.Markup, StringComparison.Ordinal);

        await cut.Find("#history-person-id").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = person.ToString() });
        await cut.Find("#history-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=change-row]")));
        var phone = cut.FindAll("[data-testid=change-row]").Single(r => r.TextContent.Contains("Phone", StringComparison.Ordinal) && r.TextContent.Contains("CorrectPersonDetails", StringComparison.Ordinal));
        Assert.DoesNotContain("+47 400 00 321", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Verdien vises ikke", phone.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_page_verifies_both_chains_and_names_the_first_broken_record()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (person, _) = await context.OpenFollowUpAsync("Kari", "Kjede");
        _ = await context.SendAsync(context.PoliceLead, new CaseManagement.Application.Features.Persons.GetPerson(person));
        var officer = await context.AddUserAsync("personvern-test", "Pia Personvern", DemoData.Slt, Role.PrivacyOfficer);
        context.SignInAs(officer);
        await SealAsync(context);

        var cut = context.Bunit.Render<AuditPage>();
        await cut.Find("[data-testid=verify-chains]").ClickAsync();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=chain-report]").Count));
        Assert.All(cut.FindAll("[data-testid=chain-report]"), r => Assert.Equal("true", r.GetAttribute("data-intact")));
        Assert.Contains("Endringsloggen", cut.Find("[data-chain=audit]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Intakt", cut.Find("[data-chain=access]").TextContent, StringComparison.Ordinal);

        // An access entry forged without the chain key: sealed like any other, then found by the verifier.
        long forged = 0;
        await using (var scope = context.Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
            db.AccessLog.Add(new CaseManagement.Application.Auditing.AccessLogEntry
            {
                Id = Guid.CreateVersion7(), OccurredAt = DateTimeOffset.UtcNow, UserId = officer, UnitId = DemoData.Slt, AgencyId = DemoData.Municipality,
                Roles = "PrivacyOfficer", PersonId = person, Section = "Person", MessageName = "GetPerson", ContentHash = new string('0', 64),
            });
            await db.SaveChangesAsync(Ct);
        }

        await SealAsync(context);
        await using (var scope = context.Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope())
        {
            forged = await scope.ServiceProvider.GetRequiredService<CaseDbContext>().AccessLogSeals.MaxAsync(s => s.Sequence, Ct);
        }

        await cut.Find("[data-testid=verify-chains]").ClickAsync();

        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-chain=access]").GetAttribute("data-intact")));
        Assert.Contains($"Brudd ved nr. {forged}: innholdet i posten er endret", cut.Find("[data-chain=access]").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("[data-chain=audit]").GetAttribute("data-intact"));
    }

    /// <summary>What the web host's background sealer does.</summary>
    private static async Task SealAsync(FollowUpPagesContext context)
    {
        await using var scope = context.Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        await context.Bunit.Services.GetRequiredService<CaseManagement.Application.Auditing.ChainSealer>()
            .SealAsync(scope.ServiceProvider.GetRequiredService<CaseDbContext>(), Ct);
    }

    [Fact]
    public async Task A_case_worker_on_the_audit_page_is_told_they_have_no_access()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();

        var cut = context.Bunit.Render<AuditPage>();
        await cut.Find("#history-person-id").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = Guid.CreateVersion7().ToString() });
        await cut.Find("#history-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal("alert", cut.Find("[data-testid=audit-forbidden]").GetAttribute("role")));
        Assert.Empty(cut.FindAll("table"));
    }
}
