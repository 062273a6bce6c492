using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Alerts;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Features.Mentors;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Alerts;

/// <summary>The shared alert store: each recipient's own read and handled state; nobody else's alerts, by list or by id.</summary>
public sealed class AlertStoreTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Each_recipient_reads_and_handles_on_their_own_and_others_get_not_found(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var raiser = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var first = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        var second = await h.CreateUserAsync(Role.RadicalisationContact, DemoData.SandefjordStation);
        var outsider = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav);
        var older = await h.AlertForAsync(DemoData.Municipality, raiser, first, second);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var newer = await h.AlertForAsync(DemoData.Municipality, raiser, first);

        Assert.Equal(2, await h.SendAsync(first, new CountMyUnhandledAlerts()));
        Assert.Equal([newer, older], (await h.SendAsync(first, new ListMyAlerts())).Items.Select(a => a.Id));

        await h.SendAsync(first, new MarkAlertRead(older));
        await h.SendAsync(first, new MarkAlertRead(older));
        await h.SendAsync(first, new HandleAlert(older, "Fulgt opp med mentor."));

        // Handled alerts sort after unhandled ones, and leave the count.
        var mine = (await h.SendAsync(first, new ListMyAlerts())).Items;
        Assert.Equal([newer, older], mine.Select(a => a.Id));
        Assert.Equal(1, await h.SendAsync(first, new CountMyUnhandledAlerts()));
        Assert.Single((await h.SendAsync(first, new ListMyAlerts(UnhandledOnly: true))).Items);
        var forSecond = Assert.Single((await h.SendAsync(second, new ListMyAlerts())).Items);
        Assert.Null(forSecond.ReadAt);
        Assert.Null(forSecond.HandlingNote);
        Assert.Contains(forSecond.Recipients, r => r.HandledAt is not null);

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(outsider, new MarkAlertRead(older)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(second, new HandleAlert(newer, "Ikke mitt varsel")));
        Assert.Empty((await h.SendAsync(outsider, new ListMyAlerts())).Items);
        await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(second, new HandleAlert(older, " ")));
        Assert.Null(await h.WithDbAsync(db => db.AlertRecipients.Where(r => r.AlertId == older && r.UserId == second).Select(r => r.HandledAt).SingleAsync(Ct)));
    }
}
