using System.Globalization;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Conversations;

namespace CaseManagement.Web.Components.Pages.Conversations;

/// <summary>The conversation pages' addresses: ids only. The same addresses the due items link to.</summary>
public static class ConversationRoutes
{
    public const string WorkList = "/samtaler";
    public const string DetailsTemplate = "/samtaler/{Id:guid}";
    public const string NewTemplate = "/oppfolginger/{FollowUpId:guid}/ny-samtale";
    public const string Referrals = ConversationLinks.Referrals;

    /// <summary>The query parameter of the new-conversation page naming the conversation followed up.</summary>
    public const string PreviousParameter = "forrige";

    public static string Details(Guid id) => ConversationLinks.Conversation(id);

    public static string New(Guid followUpId, Guid? previous = null) => previous is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"/oppfolginger/{followUpId}/ny-samtale?{PreviousParameter}={p}")
        : string.Create(CultureInfo.InvariantCulture, $"/oppfolginger/{followUpId}/ny-samtale");
}

/// <summary>Resource keys for the conversation enums (Ui.resx), so every word on screen comes from resources.</summary>
public static class ConversationTexts
{
    public static string Key(ConversationState v) => "Conv_State_" + v;

    public static string Key(Domain.Conversations.ConversationKind v) => "Conv_Kind_" + v;

    public static string Key(Domain.Conversations.AttendanceTrack v) => "Conv_Track_" + v;

    public static string Key(Domain.Conversations.ParticipantCapacity v) => "Conv_Capacity_" + v;

    public static string Key(Domain.Conversations.LifeArea v) => "Conv_Area_" + v;

    public static string Key(Domain.Conversations.ConcernLevel v) => "Conv_Level_" + v;

    public static string Key(Domain.Conversations.ConversationConclusion v) => "Conv_Conclusion_" + v;

    public static string Key(Domain.Conversations.AgreementResponsible v) => "Conv_Responsible_" + v;

    public static string Key(Domain.Conversations.AgreementStatus v) => "Conv_AgreementStatus_" + v;

    public static string Key(Domain.Conversations.ReferralTarget v) => "Conv_Target_" + v;

    public static string Key(Domain.Conversations.ReferralStatus v) => "Conv_ReferralStatus_" + v;

    /// <summary>The action that moves a conversation into a state (the button's words).</summary>
    public static string MoveKey(ConversationState v) => "Conv_Move_" + v;
}
