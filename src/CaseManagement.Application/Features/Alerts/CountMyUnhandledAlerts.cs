using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Alerts;

/// <summary>How many of the user's alerts are not handled yet: the badge in the top bar. A number, no personal data.</summary>
[Requires(Capability.ReceiveAlerts)]
public sealed record CountMyUnhandledAlerts : IQuery<int>;

internal sealed class CountMyUnhandledAlertsHandler(CaseDbContext db, CurrentUser currentUser) : IQueryHandler<CountMyUnhandledAlerts, int>
{
    public async ValueTask<int> Handle(CountMyUnhandledAlerts query, CancellationToken cancellationToken)
    {
        var userId = currentUser.Required.UserId;
        return await db.AlertRecipients.AsNoTracking().CountAsync(r => r.UserId == userId && r.HandledAt == null, cancellationToken);
    }
}
