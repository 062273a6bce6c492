using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>Step 3, the conclusion: the concern level, the conclusion and a note. Only once the conversation is held.</summary>
[Requires(Capability.HoldConversations)]
public sealed record SaveConversationConclusion(
    Guid ConversationId,
    string Version,
    ConcernLevel ConcernLevel,
    ConversationConclusion Conclusion,
    string? ConclusionNote = null) : ICommand<ConversationSaved>;

internal sealed class SaveConversationConclusionValidator : AbstractValidator<SaveConversationConclusion>
{
    public SaveConversationConclusionValidator()
    {
        RuleFor(x => x.ConversationId).NotEmpty();
        RuleFor(x => x.Version).NotEmpty().MaximumLength(64);
        RuleFor(x => x.ConcernLevel).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.Conclusion).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.ConclusionNote).MaximumLength(Conversation.TextMaxLength);
    }
}

internal sealed class SaveConversationConclusionHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<SaveConversationConclusion, ConversationSaved>
{
    public async ValueTask<ConversationSaved> Handle(SaveConversationConclusion command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (conversation, _, _) = await ConversationWrites.LoadAsync(db, user, command.ConversationId, nameof(SaveConversationConclusion), now, cancellationToken);
        ConcurrencyTokens.ExpectVersion(db.Entry(conversation), command.Version, "Conversation");
        ConversationWrites.RequireUnfinished(conversation);
        if (conversation.State != ConversationState.Held)
        {
            throw new RuleViolationException("State", ConversationWrites.Format(Messages.Conv_ConclusionBeforeHeld, ConversationWrites.StateText(conversation.State)));
        }

        conversation.SetConclusion(command.ConcernLevel, command.Conclusion, TextRules.Clean(command.ConclusionNote));
        return new ConversationSaved(conversation.Id);
    }
}
