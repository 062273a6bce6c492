using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Alerts;

/// <summary>How many of the user's alerts are not handled yet: the badge in the top bar. A number, no personal data; only alerts the user still stands in (<see cref="AlertScope"/>).</summary>
[Requires(Capability.ReceiveAlerts)]
public sealed record CountMyUnhandledAlerts : IQuery<int>;

internal sealed class CountMyUnhandledAlertsHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : IQueryHandler<CountMyUnhandledAlerts, int>
{
    public async ValueTask<int> Handle(CountMyUnhandledAlerts query, CancellationToken cancellationToken)
    {
        return await AlertScope.StandingRecipients(db, currentUser.Required, clock.GetUtcNow()).AsNoTracking().CountAsync(r => r.HandledAt == null, cancellationToken);
    }
}
