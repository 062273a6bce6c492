using CaseManagement.Domain.Persons;

namespace CaseManagement.Domain.Conversations;

/// <summary>Why a transition or an age rule refused a change. The application turns each into a message naming the field.</summary>
public enum FlowRefusal
{
    None,

    /// <summary>The target state cannot follow the current one.</summary>
    NotAllowedFromState,

    /// <summary>Ordered attendance for someone who is 18 or over on the conversation date.</summary>
    OrderedForAdult,

    /// <summary>Ordered attendance for a minor without a recorded suspicion of a criminal act.</summary>
    OrderedWithoutSuspicion,

    /// <summary>A minor, guardians not invited and no reason recorded.</summary>
    GuardiansOmittedWithoutReason,

    /// <summary>An adult has no guardians in the conversation.</summary>
    GuardiansForAdult,

    /// <summary>A held conversation dated after today.</summary>
    HeldInFuture,

    /// <summary>Concluded without a conclusion and concern level.</summary>
    ConclusionMissing,
}

/// <summary>
/// The conversation's state machine and the rules that decide at the conversation date. Pure, so it is tested
/// exhaustively without a database.
/// </summary>
public static class ConversationFlow
{
    private static readonly Dictionary<ConversationState, ConversationState[]> Allowed = new()
    {
        [ConversationState.Registered] = [ConversationState.Assessed, ConversationState.Cancelled],
        [ConversationState.Assessed] = [ConversationState.Invited, ConversationState.Ordered, ConversationState.Cancelled],
        [ConversationState.Invited] = [ConversationState.Prepared, ConversationState.Cancelled, ConversationState.DidNotAttend],
        [ConversationState.Ordered] = [ConversationState.Prepared, ConversationState.Cancelled, ConversationState.DidNotAttend],
        [ConversationState.Prepared] = [ConversationState.Held, ConversationState.Cancelled, ConversationState.DidNotAttend],
        [ConversationState.Held] = [ConversationState.Concluded],
        [ConversationState.Concluded] = [],
        [ConversationState.Cancelled] = [],
        [ConversationState.DidNotAttend] = [],
    };

    /// <summary>The states that may follow <paramref name="from"/> (before the rules about the record's content).</summary>
    public static IReadOnlyList<ConversationState> Next(ConversationState from) => Allowed[from];

    public static bool IsMinorAt(DateOnly dateOfBirth, DateOnly conversationDate) => !Age.IsAdultAt(dateOfBirth, conversationDate);

    /// <summary>The age rules for the track and the guardians, at the conversation date (tiltak 12 for adults).</summary>
    public static FlowRefusal CheckAgeRules(
        DateOnly dateOfBirth, DateOnly conversationDate, AttendanceTrack track, string? suspicionNote, bool guardiansInvited,
        string? guardiansOmittedReason, bool hasGuardianParticipant)
    {
        var minor = IsMinorAt(dateOfBirth, conversationDate);
        if (track == AttendanceTrack.Ordered)
        {
            if (!minor)
            {
                return FlowRefusal.OrderedForAdult;
            }

            if (string.IsNullOrWhiteSpace(suspicionNote))
            {
                return FlowRefusal.OrderedWithoutSuspicion;
            }
        }

        if (!minor && (guardiansInvited || hasGuardianParticipant))
        {
            return FlowRefusal.GuardiansForAdult;
        }

        if (minor && !guardiansInvited && string.IsNullOrWhiteSpace(guardiansOmittedReason))
        {
            return FlowRefusal.GuardiansOmittedWithoutReason;
        }

        return FlowRefusal.None;
    }

    /// <summary>Whether <paramref name="conversation"/> may move to <paramref name="target"/> today.</summary>
    public static FlowRefusal Check(Conversation conversation, ConversationState target, DateOnly dateOfBirth, DateOnly today)
    {
        if (!Allowed[conversation.State].Contains(target))
        {
            return FlowRefusal.NotAllowedFromState;
        }

        switch (target)
        {
            case ConversationState.Invited or ConversationState.Ordered:
                var track = target == ConversationState.Ordered ? AttendanceTrack.Ordered : AttendanceTrack.Voluntary;
                return CheckAgeRules(
                    dateOfBirth, conversation.Date, track, conversation.SuspicionNote, conversation.GuardiansInvited,
                    conversation.GuardiansOmittedReason, conversation.Participants.Any(p => p.Capacity == ParticipantCapacity.Guardian));
            case ConversationState.Held when conversation.Date > today:
                return FlowRefusal.HeldInFuture;
            case ConversationState.Concluded when conversation.Conclusion is null || conversation.ConcernLevel is null:
                return FlowRefusal.ConclusionMissing;
            default:
                return FlowRefusal.None;
        }
    }
}
