namespace CaseManagement.Application.Access;

/// <summary>What a plan message needs: reading, writing one's own part (measures, notes), or the whole plan.</summary>
public enum PlanOperation
{
    Read,

    /// <summary>A participant's own measures and their notes (the team: any measure).</summary>
    OwnPart,

    /// <summary>The whole plan: header, goals, participants, approval (the team: coordinator and case workers).</summary>
    Coordinate,
}

/// <summary>What a group message needs: reading, a member's own contribution (comments, own tasks), or convening.</summary>
public enum GroupOperation
{
    Read,
    OwnPart,
    Convene,
}

/// <summary>
/// The answer of <see cref="AccessDecision.RequirePlanAccessAsync"/>: through the follow-up (<see cref="Basis"/>)
/// or as a participant by consent (<see cref="ParticipantId"/>).
/// </summary>
public sealed record PlanAccess(Guid PlanId, Guid FollowUpId, Guid PersonId, AccessBasis? Basis, Guid? ParticipantId, bool IsCoordinator)
{
    public bool IsTeam => Basis == AccessBasis.TeamMember;

    /// <summary>The team edits every measure; a participant only those they are responsible for.</summary>
    public bool MayEditMeasure(Guid responsibleParticipantId) => IsTeam || (ParticipantId is { } own && own == responsibleParticipantId);

    /// <summary>Internal notes and consents are for the team and the participants, not for disclosed or emergency readers.</summary>
    public bool SeesInternalNotes => IsTeam || ParticipantId is not null;

    public Auditing.AccessPurpose Purpose => Basis is { } basis ? AccessDecision.PurposeOf(basis) : Auditing.AccessPurpose.Disclosure;
}

/// <summary>The answer of <see cref="AccessDecision.RequireGroupAccessAsync"/>.</summary>
public sealed record GroupAccess(Guid GroupId, Guid FollowUpId, Guid PersonId, AccessBasis? Basis, Guid? MemberId, bool IsConvenor)
{
    public bool IsTeam => Basis == AccessBasis.TeamMember;

    /// <summary>The team changes every task; a member only the tasks they own.</summary>
    public bool MayChangeTask(Guid ownerMemberId) => IsTeam || (MemberId is { } own && own == ownerMemberId);

    public Auditing.AccessPurpose Purpose => Basis is { } basis ? AccessDecision.PurposeOf(basis) : Auditing.AccessPurpose.Disclosure;
}
