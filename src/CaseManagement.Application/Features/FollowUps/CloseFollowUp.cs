using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.FollowUps;

/// <summary>The lead closes the follow-up with a reason. <c>Version</c> guards against closing over someone's change.</summary>
[Requires(Capability.CloseFollowUp)]
public sealed record CloseFollowUp(Guid FollowUpId, string Version, CloseReason Reason, string? Note = null) : ICommand<FollowUpClosed>;

public sealed record FollowUpClosed(Guid Id);

internal sealed class CloseFollowUpValidator : AbstractValidator<CloseFollowUp>
{
    public CloseFollowUpValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.Version).NotEmpty().MaximumLength(64);
        RuleFor(x => x.Reason).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.Note).MaximumLength(FollowUp.CloseNoteMaxLength);
    }
}

internal sealed class CloseFollowUpHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<CloseFollowUp, FollowUpClosed>
{
    public async ValueTask<FollowUpClosed> Handle(CloseFollowUp command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (followUp, _) = await FollowUpWrites.LoadAsync(db, user, command.FollowUpId, lead: true, nameof(CloseFollowUp), now, cancellationToken);
        ConcurrencyTokens.ExpectVersion(db.Entry(followUp), command.Version, "FollowUp");
        followUp.Close(command.Reason, TextRules.Clean(command.Note), now);
        return new FollowUpClosed(followUp.Id);
    }
}
