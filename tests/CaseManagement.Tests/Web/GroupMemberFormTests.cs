using Bunit;
using CaseManagement.Application.Features.Groups;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Web.Components.Pages.Groups;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Web;

/// <summary>The responsibility group's member form on the real pipeline: a colleague from a service is picked by name, never typed as an id.</summary>
public sealed class GroupMemberFormTests
{
    [Fact]
    public async Task The_convenor_finds_a_colleague_by_name_picks_them_and_they_become_the_member()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (_, followUpId) = await context.OpenFollowUpAsync("Gruppe", "Person");
        var group = await context.SendAsync(context.PoliceLead, new StartGroup(followUpId, context.PoliceLead, true, ConsentGiver.Person, new DateOnly(2026, 11, 25)));
        var colleague = await context.AddUserAsync("berit-test", "Berit Barnevern", DemoData.ChildWelfare, Role.CaseWorker);
        context.SignInAs(context.PoliceLead);
        string? added = null;

        var cut = context.Bunit.Render<GroupMemberForm>(p => p.Add(c => c.GroupId, group.Id).Add(c => c.OnAdded, text => added = text));
        await cut.Find("#member-search").ChangeAsync(new ChangeEventArgs { Value = "berit" });
        await cut.Find("form[role=search]").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Contains("Berit Barnevern (Barneverntjenesten)", cut.Find("#member-user").TextContent, StringComparison.Ordinal));

        await cut.Find("#member-user").ChangeAsync(new ChangeEventArgs { Value = colleague.ToString() });
        // The picked colleague's name fills an empty name field.
        cut.WaitForAssertion(() => Assert.Equal("Berit Barnevern", cut.Find("#member-name").GetAttribute("value")));
        await cut.Find("#member-function").ChangeAsync(new ChangeEventArgs { Value = "Kontaktperson" });
        await cut.Find("#member-scope").ChangeAsync(new ChangeEventArgs { Value = "Referater" });
        await cut.Find("#group-member-form input[type=checkbox]").ChangeAsync(new ChangeEventArgs { Value = true });
        await cut.Find("#group-member-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal("Medlemmet er lagt til.", added));
        await using var scope = context.Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var member = await scope.ServiceProvider.GetRequiredService<CaseManagement.Application.Data.CaseDbContext>().GroupMembers
            .SingleAsync(m => m.GroupId == group.Id && m.UserId == colleague, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(("Berit Barnevern", "Kontaktperson"), (member.Name, member.Function));
    }
}
