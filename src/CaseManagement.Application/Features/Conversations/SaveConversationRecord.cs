using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>Risk and protective factors in one life area: ratings 0 (none) to 3 (strong) and a note.</summary>
public sealed record LifeAreaInput(LifeArea Area, int Risk, int Protective, string? Note = null);

/// <summary>Which parts a participant attended.</summary>
public sealed record AttendanceInput(Guid ParticipantId, ConversationParts Parts);

/// <summary>
/// Step 2, the conversation itself: its date (never after today once held), what the person was told, which parts
/// each participant attended, the risk and protective factors by life area, the information about consequences,
/// and the person's and the guardians' own account.
/// </summary>
[Requires(Capability.HoldConversations)]
public sealed record SaveConversationRecord(
    Guid ConversationId,
    string Version,
    DateOnly Date,
    bool ToldPurpose,
    bool ToldVoluntary,
    bool ToldWhatIsRecorded,
    IReadOnlyList<LifeAreaInput> LifeAreas,
    IReadOnlyList<AttendanceInput>? Attendance = null,
    string? ConsequencesInformation = null,
    string? PersonAccount = null,
    string? GuardiansAccount = null) : ICommand<ConversationSaved>;

internal sealed class SaveConversationRecordValidator : AbstractValidator<SaveConversationRecord>
{
    public SaveConversationRecordValidator()
    {
        RuleFor(x => x.ConversationId).NotEmpty();
        RuleFor(x => x.Version).NotEmpty().MaximumLength(64);
        RuleFor(x => x.Date).NotEmpty();
        RuleFor(x => x.ConsequencesInformation).MaximumLength(Conversation.TextMaxLength);
        RuleFor(x => x.PersonAccount).MaximumLength(Conversation.TextMaxLength);
        RuleFor(x => x.GuardiansAccount).MaximumLength(Conversation.TextMaxLength);
        RuleFor(x => x.LifeAreas).NotNull()
            .Must(a => a is null || a.Select(x => x.Area).Distinct().Count() == a.Count).WithMessage(_ => Messages.Conv_LifeAreaTwice);
        // Rules over the whole list, so a refusal names the field ("Livsområder"), not an index.
        RuleFor(x => x.LifeAreas)
            .Must(a => a is null || a.All(x => Enum.IsDefined(x.Area))).WithMessage(_ => Messages.Value_NotInList)
            .Must(a => a is null || a.All(x => x.Risk is >= 0 and <= Conversation.MaxRating && x.Protective is >= 0 and <= Conversation.MaxRating))
            .WithMessage(_ => Messages.Conv_RatingRange)
            .Must(a => a is null || a.All(x => (x.Note?.Length ?? 0) <= Conversation.ShortTextMaxLength)).WithMessage(_ => Messages.Conv_TextTooLong);
        RuleFor(x => x.Attendance)
            .Must(a => a is null || a.All(x => (x.Parts & ~(ConversationParts.WithPerson | ConversationParts.WithGuardians | ConversationParts.Joint)) == 0))
            .WithMessage(_ => Messages.Value_NotInList);
    }
}

internal sealed class SaveConversationRecordHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<SaveConversationRecord, ConversationSaved>
{
    public async ValueTask<ConversationSaved> Handle(SaveConversationRecord command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (conversation, _, born) = await ConversationWrites.LoadAsync(db, user, command.ConversationId, nameof(SaveConversationRecord), now, cancellationToken);
        ConcurrencyTokens.ExpectVersion(db.Entry(conversation), command.Version, "Conversation");
        ConversationWrites.RequireUnfinished(conversation);
        if (conversation.State < ConversationState.Prepared)
        {
            throw new RuleViolationException("State", ConversationWrites.Format(Messages.Conv_RecordBeforePrepared, ConversationWrites.StateText(conversation.State)));
        }

        if (conversation.State == ConversationState.Held && command.Date > OsloTime.DateOf(now))
        {
            throw new RuleViolationException(nameof(command.Date), Messages.Conv_HeldInFuture);
        }

        // Moving the date may move the person across their 18th birthday: the age rules decide at the new date.
        ConversationWrites.Throw(ConversationFlow.CheckAgeRules(
            born, command.Date, conversation.Track, conversation.SuspicionNote, conversation.GuardiansInvited,
            conversation.GuardiansOmittedReason, conversation.Participants.Any(p => p.Capacity == ParticipantCapacity.Guardian)));
        if (!string.IsNullOrWhiteSpace(command.GuardiansAccount) && !ConversationFlow.IsMinorAt(born, command.Date))
        {
            throw new RuleViolationException(nameof(command.GuardiansAccount), Messages.Conv_GuardiansForAdult);
        }

        var attendance = command.Attendance ?? [];
        if (attendance.Any(a => conversation.Participants.All(p => p.Id != a.ParticipantId)))
        {
            throw new RuleViolationException(nameof(command.Attendance), Messages.Conv_ParticipantNotFound);
        }

        conversation.SetRecord(
            command.Date, command.ToldPurpose, command.ToldVoluntary, command.ToldWhatIsRecorded, TextRules.Clean(command.ConsequencesInformation),
            TextRules.Clean(command.PersonAccount), TextRules.Clean(command.GuardiansAccount),
            attendance.Select(a => (a.ParticipantId, a.Parts)),
            command.LifeAreas.Select(a => (a.Area, a.Risk, a.Protective, TextRules.Clean(a.Note))),
            Guid.CreateVersion7);
        return new ConversationSaved(conversation.Id);
    }
}
