using CaseManagement.Application.WorkSurfaces;
using MudBlazor;

namespace CaseManagement.Web.Components.Pages.WorkSurfaces;

/// <summary>One icon per due-item kind, so the list can be scanned by eye (the kind is also written out).</summary>
public static class DueIcons
{
    public static string Of(DueKind kind) => kind switch
    {
        DueKind.EscalationAlert => Icons.Material.Filled.Warning,
        DueKind.FollowUpConversation => Icons.Material.Filled.Forum,
        DueKind.AgreementReview => Icons.Material.Filled.Handshake,
        DueKind.ReferralWaiting => Icons.Material.Filled.Send,
        DueKind.PlanRevision => Icons.Material.Filled.EditNote,
        DueKind.PlanEvaluation => Icons.Material.Filled.FactCheck,
        DueKind.GroupTask => Icons.Material.Filled.Groups,
        DueKind.MinutesToSend => Icons.Material.Filled.Outbox,
        DueKind.MinutesToComment => Icons.Material.Filled.RateReview,
        DueKind.ConsentExpiring => Icons.Material.Filled.HourglassBottom,
        DueKind.MentorCadence => Icons.Material.Filled.EventRepeat,
        DueKind.PoliceCertificateExpiring => Icons.Material.Filled.Badge,
        DueKind.FamilyGuidanceSession => Icons.Material.Filled.FamilyRestroom,
        _ => Icons.Material.Filled.Task,
    };
}
