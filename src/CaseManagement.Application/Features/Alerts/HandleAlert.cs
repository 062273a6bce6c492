using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Alerts;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Alerts;

/// <summary>
/// The recipient records how they handled the alert (e.g. "called the mentor, informed the duty officer"). Handling
/// is recorded once per recipient, by the change audit; a second attempt is refused.
/// </summary>
[Requires(Capability.ReceiveAlerts)]
public sealed record HandleAlert(Guid AlertId, string Note) : ICommand<AlertChanged>;

internal sealed class HandleAlertValidator : AbstractValidator<HandleAlert>
{
    public HandleAlertValidator()
    {
        RuleFor(x => x.AlertId).NotEmpty();
        RuleFor(x => x.Note).NotEmpty().MinimumLength(5).MaximumLength(AlertRecipient.NoteMaxLength);
    }
}

internal sealed class HandleAlertHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<HandleAlert, AlertChanged>
{
    public async ValueTask<AlertChanged> Handle(HandleAlert command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var recipient = await AlertRecipients.RequireAsync(db, user, command.AlertId, clock.GetUtcNow(), cancellationToken);
        if (recipient.IsHandled)
        {
            throw new RuleViolationException(nameof(HandleAlert.AlertId), Messages.Alert_AlreadyHandled);
        }

        recipient.Handle(user.UserId, TextRules.Clean(command.Note)!, clock.GetUtcNow());
        return new AlertChanged(command.AlertId);
    }
}
