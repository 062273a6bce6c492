using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Alerts;

/// <summary>The recipient has seen the alert. Only a recipient can; anyone else gets "not found".</summary>
[Requires(Capability.ReceiveAlerts)]
public sealed record MarkAlertRead(Guid AlertId) : ICommand<AlertChanged>;

public sealed record AlertChanged(Guid AlertId);

internal sealed class MarkAlertReadValidator : AbstractValidator<MarkAlertRead>
{
    public MarkAlertReadValidator() => RuleFor(x => x.AlertId).NotEmpty();
}

internal sealed class MarkAlertReadHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<MarkAlertRead, AlertChanged>
{
    public async ValueTask<AlertChanged> Handle(MarkAlertRead command, CancellationToken cancellationToken)
    {
        var recipient = await AlertRecipients.RequireAsync(db, currentUser.Required, command.AlertId, cancellationToken);
        recipient.MarkRead(clock.GetUtcNow());
        return new AlertChanged(command.AlertId);
    }
}

internal static class AlertRecipients
{
    public static async Task<Domain.Alerts.AlertRecipient> RequireAsync(CaseDbContext db, UserContext user, Guid alertId, CancellationToken ct)
    {
        var userId = user.UserId;
        return await db.AlertRecipients.SingleOrDefaultAsync(r => r.AlertId == alertId && r.UserId == userId, ct)
            ?? throw new NotFoundException("Alert");
    }
}
