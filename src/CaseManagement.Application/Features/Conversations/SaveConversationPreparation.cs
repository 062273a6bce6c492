using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>Someone invited to (or taking part in) a conversation.</summary>
public sealed record ParticipantInput(string Name, ParticipantCapacity Capacity, ConversationParts Parts = ConversationParts.None);

/// <summary>
/// Step 1, preparation: the assessment (is a conversation right, who is best placed), the track, guardians, notes
/// and who is invited. The age rules are checked at the conversation date, so a minor without guardians needs a
/// reason, and ordered attendance needs a minor and a recorded suspicion.
/// </summary>
[Requires(Capability.HoldConversations)]
public sealed record SaveConversationPreparation(
    Guid ConversationId,
    string Version,
    DateOnly Date,
    AttendanceTrack Track,
    bool GuardiansInvited,
    IReadOnlyList<ParticipantInput> Participants,
    string? AssessmentNote = null,
    string? SuspicionNote = null,
    string? GuardiansOmittedReason = null,
    string? PreparationNotes = null) : ICommand<ConversationSaved>;

/// <summary>A conversation step saved. The client reads the conversation again for the version of its next step.</summary>
public sealed record ConversationSaved(Guid Id);

internal sealed class SaveConversationPreparationValidator : AbstractValidator<SaveConversationPreparation>
{
    public const int MaxParticipants = 30;

    public SaveConversationPreparationValidator()
    {
        RuleFor(x => x.ConversationId).NotEmpty();
        RuleFor(x => x.Version).NotEmpty().MaximumLength(64);
        RuleFor(x => x.Date).NotEmpty();
        RuleFor(x => x.Track).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.AssessmentNote).MaximumLength(Conversation.TextMaxLength);
        RuleFor(x => x.PreparationNotes).MaximumLength(Conversation.TextMaxLength);
        RuleFor(x => x.SuspicionNote).MaximumLength(Conversation.ShortTextMaxLength);
        RuleFor(x => x.GuardiansOmittedReason).MaximumLength(Conversation.ShortTextMaxLength);
        // Rules over the whole list, so a refusal names the field ("Deltakere"), not an index.
        RuleFor(x => x.Participants).NotNull()
            .Must(p => p is null || p.Count <= MaxParticipants).WithMessage(_ => Messages.Conv_TooManyParticipants)
            .Must(p => p is null || p.All(x => !string.IsNullOrWhiteSpace(x.Name) && x.Name.Length <= ConversationParticipant.NameMaxLength && TextRules.IsCleanSingleLine(x.Name)))
            .WithMessage(_ => Messages.Conv_ParticipantNameInvalid)
            .Must(p => p is null || p.All(x => Enum.IsDefined(x.Capacity)
                && (x.Parts & ~(ConversationParts.WithPerson | ConversationParts.WithGuardians | ConversationParts.Joint)) == 0))
            .WithMessage(_ => Messages.Value_NotInList);
    }
}

internal sealed class SaveConversationPreparationHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<SaveConversationPreparation, ConversationSaved>
{
    public async ValueTask<ConversationSaved> Handle(SaveConversationPreparation command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (conversation, _, born) = await ConversationWrites.LoadAsync(db, user, command.ConversationId, nameof(SaveConversationPreparation), now, cancellationToken);
        ConcurrencyTokens.ExpectVersion(db.Entry(conversation), command.Version, "Conversation");
        ConversationWrites.RequireUnfinished(conversation);
        if (conversation.State >= ConversationState.Held)
        {
            throw new RuleViolationException("State", ConversationWrites.Format(Messages.Conv_PreparationAfterHeld, ConversationWrites.StateText(conversation.State)));
        }

        var suspicion = TextRules.Clean(command.SuspicionNote);
        var omittedReason = TextRules.Clean(command.GuardiansOmittedReason);
        ConversationWrites.Throw(ConversationFlow.CheckAgeRules(
            born, command.Date, command.Track, suspicion, command.GuardiansInvited, omittedReason,
            command.Participants.Any(p => p.Capacity == ParticipantCapacity.Guardian)));
        // Once the invitation or order has gone out, the track is what the person was told: it cannot change.
        if (conversation.State is ConversationState.Invited or ConversationState.Ordered or ConversationState.Prepared && command.Track != conversation.Track)
        {
            throw new RuleViolationException(nameof(command.Track), Messages.Conv_TrackFixed);
        }

        var participants = command.Participants
            .Select(p => new ConversationParticipant(Guid.CreateVersion7(), conversation.Id, TextRules.Clean(p.Name)!, p.Capacity, p.Parts))
            .ToList();
        conversation.SetPreparation(
            command.Date, TextRules.Clean(command.AssessmentNote), command.Track, suspicion, command.GuardiansInvited, omittedReason,
            TextRules.Clean(command.PreparationNotes), participants);
        return new ConversationSaved(conversation.Id);
    }
}
