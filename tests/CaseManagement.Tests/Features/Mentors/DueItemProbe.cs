using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Tests.Support.Databases;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Features.Mentors;

/// <summary>Asks the registered due-item sources, as the home page would, for one user on the harness's (fake) clock.</summary>
public static class DueItemProbe
{
    public static async Task<IReadOnlyList<DueItem>> DueItemsAsync(this CaseHarness h, Guid userId)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Application.Data.CaseDbContext>();
        var ct = TestContext.Current.CancellationToken;
        var user = await UserContextLoader.LoadAsync(db, userId, ct) ?? throw new InvalidOperationException("No such user.");
        var now = h.Clock.GetUtcNow();
        var items = new List<DueItem>();
        foreach (var source in scope.ServiceProvider.GetServices<IDueItemSource>())
        {
            items.AddRange(await source.ForUserAsync(db, user, now, CaseManagement.Application.Common.OsloTime.DateOf(now), ct));
        }

        return items;
    }
}
