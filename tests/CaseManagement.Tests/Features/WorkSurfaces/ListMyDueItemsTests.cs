using System.Security.Claims;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Application.Features.WorkSurfaces;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Features.WorkSurfaces;

/// <summary>"Mine oppgaver": the union of the due-item sources, its order, filter, counts, paging and Oslo "today".</summary>
public sealed class ListMyDueItemsTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_consent_expiring_within_30_days_is_due_for_the_team_with_a_link_to_its_follow_up(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        var now = h.Clock.GetUtcNow();
        var soon = await h.ConsentAsync(c, DemoData.Nav, validTo: now.AddDays(10));
        var later = await h.ConsentAsync(c, DemoData.ChildWelfare, validTo: now.AddDays(40));
        var withdrawn = await h.ConsentAsync(c, DemoData.Slt, validTo: now.AddDays(5));
        await h.SendAsync(lead, new WithdrawConsent(c.FollowUpId, withdrawn));

        var page = await h.SendAsync(lead, new ListMyDueItems());

        var item = Assert.Single(page.Items, i => i.FollowUpId == c.FollowUpId);
        Assert.Equal(soon, item.SourceId);
        Assert.Equal(DueKind.ConsentExpiring, item.Kind);
        Assert.Equal(DueSeverity.Upcoming, item.Severity);
        Assert.Equal($"/oppfolginger/{c.FollowUpId}", item.Link);
        Assert.Equal(c.PersonId, item.PersonId);
        Assert.Contains(c.FamilyName, item.PersonLabel, StringComparison.Ordinal);
        Assert.StartsWith("Samtykket til ", item.Title, StringComparison.Ordinal);
        Assert.Contains("NAV", item.Title, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(OsloTime.DateOf(now.AddDays(10)), item.DueDate);
        Assert.DoesNotContain(page.Items, i => i.SourceId == later || i.SourceId == withdrawn);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Someone_not_on_the_team_does_not_get_the_item_even_in_the_same_unit(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var colleague = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        var consent = await h.ConsentAsync(c, DemoData.Nav, validTo: h.Clock.GetUtcNow().AddDays(3));

        var page = await h.SendAsync(colleague, new ListMyDueItems());

        Assert.DoesNotContain(page.Items, i => i.SourceId == consent || i.FollowUpId == c.FollowUpId);
        Assert.Equal(0, page.TotalCount);
        Assert.Empty(page.CountsByKind);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Today_is_the_Oslo_day_not_the_UTC_day(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        // 23:30 UTC is 00:30 (or 01:30 in summer) the next day in Oslo. The clock only moves forward: the next 23:30 UTC.
        var now = h.Clock.GetUtcNow();
        var lateEvening = new DateTimeOffset(now.UtcDateTime.Date.AddHours(23).AddMinutes(30), TimeSpan.Zero);
        if (lateEvening <= now)
        {
            lateEvening = lateEvening.AddDays(1);
        }

        h.Clock.SetUtcNow(lateEvening);
        var osloDay = DateOnly.FromDateTime(lateEvening.UtcDateTime.Date.AddDays(1));
        var consent = await h.ConsentAsync(c, DemoData.Nav, validTo: new DateTimeOffset(lateEvening.UtcDateTime.Date.AddDays(1).AddHours(12), TimeSpan.Zero));

        var page = await h.SendAsync(lead, new ListMyDueItems());

        Assert.Equal(osloDay, page.Today);
        var item = Assert.Single(page.Items, i => i.SourceId == consent);
        Assert.Equal(osloDay, item.DueDate);
        Assert.Equal(DueSeverity.Due, item.Severity);
        Assert.Equal(1, page.Bands.Today);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_kind_filter_keeps_the_counts_of_every_kind_and_pages_show_n_of_m(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        var now = h.Clock.GetUtcNow();
        var first = await h.ConsentAsync(c, DemoData.Nav, validTo: now.AddDays(2));
        var second = await h.ConsentAsync(c, DemoData.ChildWelfare, validTo: now.AddDays(9));
        var third = await h.ConsentAsync(c, DemoData.Slt, validTo: now.AddDays(20));

        var firstPage = await h.SendAsync(lead, new ListMyDueItems(DueKind.ConsentExpiring, PageNumber: 1, PageSize: 2));
        var secondPage = await h.SendAsync(lead, new ListMyDueItems(DueKind.ConsentExpiring, PageNumber: 2, PageSize: 2));
        var otherKind = await h.SendAsync(lead, new ListMyDueItems(DueKind.FollowUpConversation));

        Assert.Equal(3, firstPage.TotalCount);
        Assert.Equal(2, firstPage.PageCount);
        Assert.Equal([first, second], firstPage.Items.Select(i => i.SourceId));
        Assert.Equal([third], secondPage.Items.Select(i => i.SourceId));
        Assert.Equal(new DueBands(0, 0, 1, 2), firstPage.Bands);
        Assert.Empty(otherKind.Items);
        Assert.Equal(0, otherKind.TotalCount);
        Assert.Equal(3, otherKind.CountsByKind[DueKind.ConsentExpiring]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Showing_the_page_logs_one_read_per_person_shown(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        await h.ConsentAsync(c, DemoData.Nav, validTo: h.Clock.GetUtcNow().AddDays(2));
        await h.ConsentAsync(c, DemoData.Slt, validTo: h.Clock.GetUtcNow().AddDays(3));

        await h.SendAsync(lead, new ListMyDueItems());

        var entries = await h.WithDbAsync(db => db.AccessLog.AsNoTracking()
            .Where(e => e.UserId == lead && e.Section == "DueItems").ToListAsync(TestContext.Current.CancellationToken));
        var entry = Assert.Single(entries);
        Assert.Equal(c.PersonId, entry.PersonId);
        Assert.Equal(AccessPurpose.NormalWork, entry.Purpose);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Escalation_alerts_come_first_then_severity_then_date_across_sources(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.PoliceOfficerAsync();
        var today = OsloTime.Today(h.Clock);
        DueItem Item(DueKind kind, DueSeverity severity, int days, string title) =>
            new(kind, Guid.CreateVersion7(), Guid.CreateVersion7(), "Ola", title, today.AddDays(days), severity, "/x", Guid.CreateVersion7());
        var alert = Item(DueKind.EscalationAlert, DueSeverity.Upcoming, 3, "alert");
        var overdueOld = Item(DueKind.PlanRevision, DueSeverity.Overdue, -10, "overdue old");
        var overdueNew = Item(DueKind.FollowUpConversation, DueSeverity.Overdue, -1, "overdue new");
        var dueToday = Item(DueKind.GroupTask, DueSeverity.Due, 0, "today");
        var upcoming = Item(DueKind.MentorCadence, DueSeverity.Upcoming, 2, "upcoming");
        var critical = Item(DueKind.AgreementReview, DueSeverity.Critical, 1, "critical");

        var page = await HandleWithSourcesAsync(h, user,
            [new FixedSource([upcoming, overdueNew, alert]), new FixedSource([dueToday, critical, overdueOld])], new ListMyDueItems());

        Assert.Equal(["alert", "critical", "overdue old", "overdue new", "today", "upcoming"], page.Items.Select(i => i.Title));
        Assert.Equal(6, page.CountsByKind.Values.Sum());
        Assert.Equal(new DueBands(2, 1, 3, 0), page.Bands);
    }

    private static async Task<DueItemsPage> HandleWithSourcesAsync(CaseHarness h, Guid userId, IDueItemSource[] sources, ListMyDueItems query)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        var current = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        current.Set(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "Test")));
        current.Context = new UserContext(userId, "Test", AccessTestData.PoliceUnit, DemoData.PoliceDistrict, AgencyKind.Police, new HashSet<Role> { Role.PolicePreventionOfficer });
        var handler = new ListMyDueItemsHandler(db, current, h.Clock, scope.ServiceProvider.GetRequiredService<AccessLogger>(), sources);
        return await handler.Handle(query, TestContext.Current.CancellationToken);
    }

    private sealed class FixedSource(IReadOnlyList<DueItem> items) : IDueItemSource
    {
        public Task<IReadOnlyList<DueItem>> ForUserAsync(CaseDbContext db, UserContext user, DateTimeOffset now, DateOnly today, CancellationToken ct) =>
            Task.FromResult(items);
    }
}
