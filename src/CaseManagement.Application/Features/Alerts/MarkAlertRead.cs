using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Alerts;

/// <summary>The recipient has seen the alert. Only a recipient who still stands in it can (<see cref="AlertScope"/>); anyone else gets "not found".</summary>
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
        var recipient = await AlertRecipients.RequireAsync(db, currentUser.Required, command.AlertId, clock.GetUtcNow(), cancellationToken);
        recipient.MarkRead(clock.GetUtcNow());
        return new AlertChanged(command.AlertId);
    }
}

internal static class AlertRecipients
{
    public static async Task<Domain.Alerts.AlertRecipient> RequireAsync(CaseDbContext db, UserContext user, Guid alertId, DateTimeOffset now, CancellationToken ct)
    {
        return await AlertScope.StandingRecipients(db, user, now).SingleOrDefaultAsync(r => r.AlertId == alertId, ct)
            ?? throw new NotFoundException("Alert");
    }
}
