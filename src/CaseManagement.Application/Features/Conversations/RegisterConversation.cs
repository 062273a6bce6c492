using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>
/// Registers a concern (bekymring) as a conversation to come: its kind, the planned date, the source and a
/// description. A follow-up conversation (oppfølgingssamtale) names the conversation it follows.
/// </summary>
[Requires(Capability.HoldConversations)]
public sealed record RegisterConversation(
    Guid FollowUpId,
    ConversationKind Kind,
    DateOnly Date,
    ConcernSource ConcernSource,
    string ConcernDescription,
    Guid? PreviousConversationId = null) : ICommand<ConversationRegistered>;

public sealed record ConversationRegistered(Guid Id);

internal sealed class RegisterConversationValidator : AbstractValidator<RegisterConversation>
{
    public RegisterConversationValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.Kind).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.ConcernSource).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.ConcernDescription).NotEmpty().MaximumLength(Conversation.TextMaxLength);
        RuleFor(x => x.Date).NotEmpty();
        RuleFor(x => x.PreviousConversationId)
            .NotEmpty().When(x => x.Kind == ConversationKind.FollowUp).WithMessage(_ => Messages.Conv_PreviousRequired);
        RuleFor(x => x.PreviousConversationId)
            .Null().When(x => x.Kind != ConversationKind.FollowUp).WithMessage(_ => Messages.Conv_PreviousOnlyForFollowUp);
    }
}

internal sealed class RegisterConversationHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<RegisterConversation, ConversationRegistered>
{
    public async ValueTask<ConversationRegistered> Handle(RegisterConversation command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (grant, _) = await ConversationWrites.FollowUpAsync(db, user, command.FollowUpId, nameof(RegisterConversation), now, cancellationToken);
        if (command.PreviousConversationId is { } previousId)
        {
            var previous = await db.Conversations.AsNoTracking().Where(c => c.Id == previousId && c.FollowUpId == grant.FollowUpId)
                .Select(c => new { c.Date }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new RuleViolationException(nameof(command.PreviousConversationId), Messages.Conv_PreviousNotFound);
            if (command.Date < previous.Date)
            {
                throw new RuleViolationException(nameof(command.Date), Messages.Conv_FollowUpBeforePrevious);
            }
        }

        var conversation = Conversation.Register(
            Guid.CreateVersion7(), grant.FollowUpId, command.Kind, command.PreviousConversationId, command.Date, command.ConcernSource,
            TextRules.Clean(command.ConcernDescription)!, user.UserId, now);
        db.Conversations.Add(conversation);
        return new ConversationRegistered(conversation.Id);
    }
}
