using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>
/// Moves the conversation to its next state (assessed, invited or ordered, prepared, held, concluded, cancelled, did
/// not attend). Only the transitions of <see cref="ConversationFlow"/>; a refusal names the field and says why.
/// </summary>
[Requires(Capability.HoldConversations)]
public sealed record MoveConversation(Guid ConversationId, string Version, ConversationState Target) : ICommand<ConversationSaved>;

internal sealed class MoveConversationValidator : AbstractValidator<MoveConversation>
{
    public MoveConversationValidator()
    {
        RuleFor(x => x.ConversationId).NotEmpty();
        RuleFor(x => x.Version).NotEmpty().MaximumLength(64);
        RuleFor(x => x.Target).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
    }
}

internal sealed class MoveConversationHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<MoveConversation, ConversationSaved>
{
    public async ValueTask<ConversationSaved> Handle(MoveConversation command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (conversation, _, born) = await ConversationWrites.LoadAsync(db, user, command.ConversationId, nameof(MoveConversation), now, cancellationToken);
        ConcurrencyTokens.ExpectVersion(db.Entry(conversation), command.Version, "Conversation");
        ConversationWrites.Throw(ConversationFlow.Check(conversation, command.Target, born, OsloTime.DateOf(now)), conversation, command.Target);
        conversation.MoveTo(command.Target, now);
        return new ConversationSaved(conversation.Id);
    }
}
