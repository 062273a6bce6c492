using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>Records an agreement (avtale) made in a held conversation: the text, who is responsible, the review date.</summary>
[Requires(Capability.HoldConversations)]
public sealed record AddAgreement(
    Guid ConversationId,
    string Text,
    AgreementResponsible? Responsible,
    DateOnly? ReviewOn,
    string? ResponsibleName = null) : ICommand<AgreementAdded>;

public sealed record AgreementAdded(Guid Id);

internal sealed class AddAgreementValidator : AbstractValidator<AddAgreement>
{
    public AddAgreementValidator()
    {
        RuleFor(x => x.ConversationId).NotEmpty();
        RuleFor(x => x.Text).NotEmpty().MaximumLength(Agreement.TextMaxLength);
        RuleFor(x => x.Responsible).NotNull().WithMessage(_ => Messages.Conv_ResponsibleRequired)
            .IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.ResponsibleName).SingleLine(Agreement.NameMaxLength);
        RuleFor(x => x.ResponsibleName).NotEmpty().When(x => x.Responsible is AgreementResponsible.Service or AgreementResponsible.Guardian)
            .WithMessage(_ => Messages.Conv_ResponsibleNameRequired);
        RuleFor(x => x.ReviewOn).NotNull().WithMessage(_ => Messages.Conv_ReviewDateRequired);
    }
}

internal sealed class AddAgreementHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AddAgreement, AgreementAdded>
{
    public async ValueTask<AgreementAdded> Handle(AddAgreement command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (conversation, grant, born) = await ConversationWrites.LoadAsync(db, user, command.ConversationId, nameof(AddAgreement), now, cancellationToken);
        if (conversation.State is not (ConversationState.Held or ConversationState.Concluded))
        {
            throw new RuleViolationException("State", ConversationWrites.Format(Messages.Conv_AgreementBeforeHeld, ConversationWrites.StateText(conversation.State)));
        }

        if (command.ReviewOn!.Value < OsloTime.DateOf(now))
        {
            throw new RuleViolationException(nameof(command.ReviewOn), Messages.Conv_ReviewDateInPast);
        }

        if (command.Responsible == AgreementResponsible.Guardian && !ConversationFlow.IsMinorAt(born, conversation.Date))
        {
            throw new RuleViolationException(nameof(command.Responsible), Messages.Conv_GuardiansForAdult);
        }

        var agreement = Agreement.Make(
            Guid.CreateVersion7(), conversation.Id, grant.FollowUpId, TextRules.Clean(command.Text)!, command.Responsible!.Value,
            TextRules.Clean(command.ResponsibleName), command.ReviewOn.Value, user.UserId, now);
        db.Agreements.Add(agreement);
        return new AgreementAdded(agreement.Id);
    }
}
