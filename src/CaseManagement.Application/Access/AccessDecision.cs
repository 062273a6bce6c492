namespace CaseManagement.Application.Access;

/// <summary>
/// The one component that decides access to records (ARCHITECTURE.md): the pipeline checks the capability, this
/// decides the record. Every handler, list query, due-item source and page asks here, and nothing else states a
/// record-level rule. The rule of each aggregate sits in one file of this class:
/// <list type="bullet">
/// <item><c>AccessDecision.FollowUps.cs</c>: follow-ups and their record kinds (team, disclosure, emergency access).</item>
/// <item><c>AccessDecision.Persons.cs</c>: the person register.</item>
/// <item><c>AccessDecision.Referrals.cs</c>: referrals, for their recipient.</item>
/// <item><c>AccessDecision.Plans.cs</c>: individual plans (the follow-up grant, or a participant's consent).</item>
/// <item><c>AccessDecision.Groups.cs</c>: responsibility groups (the follow-up grant, or a member's consent).</item>
/// <item><c>AccessDecision.Mentors.cs</c>: mentor assignments and supervision notes.</item>
/// </list>
/// A refusal for something the user may not know exists is <see cref="Common.NotFoundException"/>; a reader who
/// asks to write, or a writer who lacks the role, gets <see cref="Common.ForbiddenException"/>.
/// </summary>
public static partial class AccessDecision
{
    /// <summary>The access-log purpose of a ground of access.</summary>
    public static Auditing.AccessPurpose PurposeOf(AccessBasis basis) => basis switch
    {
        AccessBasis.TeamMember => Auditing.AccessPurpose.NormalWork,
        AccessBasis.Disclosure => Auditing.AccessPurpose.Disclosure,
        AccessBasis.EmergencyAccess => Auditing.AccessPurpose.EmergencyAccess,
    };
}
