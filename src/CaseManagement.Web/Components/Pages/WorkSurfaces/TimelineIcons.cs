using CaseManagement.Application.WorkSurfaces;
using MudBlazor;

namespace CaseManagement.Web.Components.Pages.WorkSurfaces;

/// <summary>One icon per timeline event kind (the kind is also written out, the icon is decoration).</summary>
public static class TimelineIcons
{
    public static string Of(TimelineKind kind) => kind switch
    {
        TimelineKind.FollowUpOpened => Icons.Material.Filled.PlayCircle,
        TimelineKind.FollowUpClosed => Icons.Material.Filled.StopCircle,
        TimelineKind.Conversation => Icons.Material.Filled.Forum,
        TimelineKind.Agreement => Icons.Material.Filled.Handshake,
        TimelineKind.Referral => Icons.Material.Filled.Send,
        TimelineKind.PlanVersion => Icons.Material.Filled.EditNote,
        TimelineKind.PlanEvaluation => Icons.Material.Filled.FactCheck,
        TimelineKind.GroupMeeting => Icons.Material.Filled.Groups,
        TimelineKind.MentorSession => Icons.Material.Filled.Diversity3,
        TimelineKind.FamilyGuidanceSession => Icons.Material.Filled.FamilyRestroom,
        TimelineKind.Consent => Icons.Material.Filled.VerifiedUser,
        TimelineKind.Disclosure => Icons.Material.Filled.IosShare,
        _ => Icons.Material.Filled.Circle,
    };
}
