using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;

namespace CaseManagement.Tests.Features.Conversations;

/// <summary>
/// The state machine, exhaustively: every (from, to) pair of the nine states, against the flow of DOMAIN.md written
/// out here by hand (registered → assessed → invited or ordered → prepared → held → concluded; cancelled and did-not-
/// attend as exits), with the record's content otherwise in order, so only the transition decides.
/// </summary>
public sealed class ConversationWorkflowTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly DateOnly Minor = new(2012, 3, 9);
    private static readonly DateOnly Adult = new(1990, 5, 17);

    /// <summary>The allowed transitions, from DOMAIN.md's flow. Everything not listed is refused.</summary>
    private static readonly HashSet<(ConversationState From, ConversationState To)> Expected =
    [
        (ConversationState.Registered, ConversationState.Assessed),
        (ConversationState.Registered, ConversationState.Cancelled),
        (ConversationState.Assessed, ConversationState.Invited),
        (ConversationState.Assessed, ConversationState.Ordered),
        (ConversationState.Assessed, ConversationState.Cancelled),
        (ConversationState.Invited, ConversationState.Prepared),
        (ConversationState.Invited, ConversationState.Cancelled),
        (ConversationState.Invited, ConversationState.DidNotAttend),
        (ConversationState.Ordered, ConversationState.Prepared),
        (ConversationState.Ordered, ConversationState.Cancelled),
        (ConversationState.Ordered, ConversationState.DidNotAttend),
        (ConversationState.Prepared, ConversationState.Held),
        (ConversationState.Prepared, ConversationState.Cancelled),
        (ConversationState.Prepared, ConversationState.DidNotAttend),
        (ConversationState.Held, ConversationState.Concluded),
    ];

    public static TheoryData<ConversationState, ConversationState> AllPairs()
    {
        var data = new TheoryData<ConversationState, ConversationState>();
        foreach (var from in Enum.GetValues<ConversationState>())
        {
            foreach (var to in Enum.GetValues<ConversationState>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    /// <summary>A conversation in <paramref name="state"/> whose content satisfies every rule: a minor with guardians invited, a recorded suspicion, dated today, concluded content.</summary>
    private static Conversation ReadyIn(ConversationState state)
    {
        var c = Conversation.Register(Guid.CreateVersion7(), Guid.CreateVersion7(), ConversationKind.Concern, null, Today, ConcernSource.School, "Bekymring", Guid.CreateVersion7(), DateTimeOffset.UnixEpoch);
        c.SetPreparation(Today, null, AttendanceTrack.Voluntary, "Mistenkt for skadeverk.", guardiansInvited: true, null, null, []);
        c.SetConclusion(ConcernLevel.Low, ConversationConclusion.NoFurtherConcern, null);
        c.MoveTo(state, DateTimeOffset.UnixEpoch);
        return c;
    }

    [Theory, MemberData(nameof(AllPairs))]
    public void Every_transition_is_allowed_exactly_when_the_flow_lists_it(ConversationState from, ConversationState to)
    {
        var refusal = ConversationFlow.Check(ReadyIn(from), to, Minor, Today);

        if (Expected.Contains((from, to)))
        {
            Assert.Equal(FlowRefusal.None, refusal);
        }
        else
        {
            Assert.Equal(FlowRefusal.NotAllowedFromState, refusal);
        }
    }

    [Fact]
    public void The_table_has_81_pairs_of_which_15_are_allowed_and_the_finished_states_lead_nowhere()
    {
        Assert.Equal(81, AllPairs().Count);
        Assert.Equal(15, Expected.Count);
        Assert.Empty(ConversationFlow.Next(ConversationState.Concluded));
        Assert.Empty(ConversationFlow.Next(ConversationState.Cancelled));
        Assert.Empty(ConversationFlow.Next(ConversationState.DidNotAttend));
    }

    [Fact]
    public void Held_is_refused_for_a_conversation_dated_after_today_and_allowed_on_the_day()
    {
        var c = ReadyIn(ConversationState.Prepared);
        c.SetPreparation(Today.AddDays(1), null, AttendanceTrack.Voluntary, null, true, null, null, []);
        Assert.Equal(FlowRefusal.HeldInFuture, ConversationFlow.Check(c, ConversationState.Held, Minor, Today));
        Assert.Equal(FlowRefusal.None, ConversationFlow.Check(c, ConversationState.Held, Minor, Today.AddDays(1)));
    }

    [Fact]
    public void Concluded_needs_a_conclusion_and_concern_level()
    {
        var c = Conversation.Register(Guid.CreateVersion7(), Guid.CreateVersion7(), ConversationKind.Concern, null, Today, ConcernSource.School, "B", Guid.CreateVersion7(), DateTimeOffset.UnixEpoch);
        c.MoveTo(ConversationState.Held, DateTimeOffset.UnixEpoch);
        Assert.Equal(FlowRefusal.ConclusionMissing, ConversationFlow.Check(c, ConversationState.Concluded, Adult, Today));
    }

    [Fact]
    public void Ordered_is_refused_for_an_adult_and_for_a_minor_without_a_recorded_suspicion()
    {
        var adult = ReadyIn(ConversationState.Assessed);
        adult.SetPreparation(Today, null, AttendanceTrack.Voluntary, "Mistanke", false, null, null, []);
        Assert.Equal(FlowRefusal.OrderedForAdult, ConversationFlow.Check(adult, ConversationState.Ordered, Adult, Today));
        Assert.Equal(FlowRefusal.None, ConversationFlow.Check(adult, ConversationState.Invited, Adult, Today));

        var noSuspicion = ReadyIn(ConversationState.Assessed);
        noSuspicion.SetPreparation(Today, null, AttendanceTrack.Voluntary, "  ", true, null, null, []);
        Assert.Equal(FlowRefusal.OrderedWithoutSuspicion, ConversationFlow.Check(noSuspicion, ConversationState.Ordered, Minor, Today));
    }

    [Fact]
    public void Moving_to_invited_or_ordered_fixes_the_track()
    {
        var c = ReadyIn(ConversationState.Assessed);
        c.MoveTo(ConversationState.Ordered, DateTimeOffset.UnixEpoch);
        Assert.Equal(AttendanceTrack.Ordered, c.Track);
        var d = ReadyIn(ConversationState.Assessed);
        d.MoveTo(ConversationState.Invited, DateTimeOffset.UnixEpoch);
        Assert.Equal(AttendanceTrack.Voluntary, d.Track);
    }
}
