using Bunit;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Features.Plans;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Web.Components.Pages.Plans;

namespace CaseManagement.Tests.Web;

/// <summary>The plan pages rendered with the real application: the printable plan leaves internal notes out.</summary>
public sealed class PlanPagesTests
{
    [Fact]
    public async Task The_printable_plan_is_in_plain_words_and_holds_no_progress_notes()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var worker = await context.AddUserAsync("saksbehandler-test", "Siri Saksbehandler", DemoData.Nav, Role.CaseWorker);
        context.SignInAs(worker);
        var person = await context.SendAsync(worker, new RegisterPerson("Mina", "Utskrift", new DateOnly(2001, 4, 3), null));
        var followUp = await context.SendAsync(worker, new OpenFollowUp(person.Id, ConcernSource.School));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var plan = await context.SendAsync(worker, new CreatePlan(
            followUp.Id, worker, ConsentGiver.Person, today, "Jeg vil ha en jobb.", today, today.AddMonths(6), today.AddMonths(2), Needs: "Hjelp til å søke."));
        var goal = await context.SendAsync(worker, new SavePlanGoal(plan.Id, "Få en jobb"));
        var view = await context.SendAsync(worker, new GetPlan(plan.Id));
        var responsible = view.Participants.Single(p => p.UserId == worker).Id;
        var measure = await context.SendAsync(worker, new SavePlanMeasure(plan.Id, goal.Id, "Praksisplass", responsible, "Siri", today, today.AddDays(30)));
        await context.SendAsync(worker, new AddMeasureNote(plan.Id, measure.Id, "Internt: ringte arbeidsgiver"));

        var cut = context.Bunit.Render<PlanPrintPage>(p => p.Add(x => x.Id, plan.Id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=plan-print]"));
        var text = cut.Find("[data-testid=plan-print]").TextContent;
        Assert.Contains("Dette er din individuelle plan.", text, StringComparison.Ordinal);
        Assert.Contains("Jeg vil ha en jobb.", text, StringComparison.Ordinal);
        Assert.Contains("Det du trenger hjelp til", text, StringComparison.Ordinal);
        Assert.Contains("Praksisplass", text, StringComparison.Ordinal);
        Assert.Contains("Ikke startet", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ringte arbeidsgiver", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("@media print", cut.Markup, StringComparison.Ordinal);

        // The plan page itself shows the note to the team.
        var page = context.Bunit.Render<PlanPage>(p => p.Add(x => x.Id, plan.Id));
        page.WaitForAssertion(() => Assert.Contains("ringte arbeidsgiver", page.Find("[data-testid=plan-measures]").TextContent, StringComparison.Ordinal));
    }
}
