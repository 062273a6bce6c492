using CaseManagement.Application.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using CaseManagement.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CaseManagement.Web.Components.Pages.FollowUps;

public enum StatusFilter
{
    All,
    Open,
    Closed,
}

/// <summary>
/// The resource keys of the enums' Norwegian (and English) labels. Every switch names every value, so a new value
/// without a label fails the build (CS8509 is an error).
/// </summary>
public static class FollowUpTexts
{
    /// <summary>The record kinds one by one, in the order forms and tables list them.</summary>
    public static readonly RecordKinds[] SingleKinds =
    [
        RecordKinds.FollowUp, RecordKinds.Conversations, RecordKinds.IndividualPlan,
        RecordKinds.ResponsibilityGroup, RecordKinds.MentorProgramme, RecordKinds.FamilyGuidance,
    ];

    public static string Key(ConcernSource source) => source switch
    {
        ConcernSource.School => "Enum_ConcernSource_School",
        ConcernSource.Family => "Enum_ConcernSource_Family",
        ConcernSource.PoliceObservation => "Enum_ConcernSource_PoliceObservation",
        ConcernSource.Online => "Enum_ConcernSource_Online",
        ConcernSource.OtherAgency => "Enum_ConcernSource_OtherAgency",
        ConcernSource.Other => "Enum_ConcernSource_Other",
    };

    public static string Key(FollowUpStatus status) => status switch
    {
        FollowUpStatus.Open => "Enum_FollowUpStatus_Open",
        FollowUpStatus.Closed => "Enum_FollowUpStatus_Closed",
    };

    public static string Key(CloseReason reason) => reason switch
    {
        CloseReason.NoFurtherConcern => "Enum_CloseReason_NoFurtherConcern",
        CloseReason.GoalsReached => "Enum_CloseReason_GoalsReached",
        CloseReason.TransferredToOtherService => "Enum_CloseReason_TransferredToOtherService",
        CloseReason.PersonDeclined => "Enum_CloseReason_PersonDeclined",
        CloseReason.MovedAway => "Enum_CloseReason_MovedAway",
        CloseReason.EscalatedToCriminalCase => "Enum_CloseReason_EscalatedToCriminalCase",
        CloseReason.Other => "Enum_CloseReason_Other",
    };

    public static string Key(TeamRole role) => role switch
    {
        TeamRole.Lead => "Enum_TeamRole_Lead",
        TeamRole.Member => "Enum_TeamRole_Member",
        TeamRole.Mentor => "Enum_TeamRole_Mentor",
        TeamRole.FamilyGuide => "Enum_TeamRole_FamilyGuide",
    };

    public static string Key(ConsentGiver giver) => giver switch
    {
        ConsentGiver.Person => "Enum_ConsentGiver_Person",
        ConsentGiver.Guardian => "Enum_ConsentGiver_Guardian",
        ConsentGiver.Representative => "Enum_ConsentGiver_Representative",
    };

    public static string Key(ConsentMethod method) => method switch
    {
        ConsentMethod.Written => "Enum_ConsentMethod_Written",
        ConsentMethod.Oral => "Enum_ConsentMethod_Oral",
        ConsentMethod.Digital => "Enum_ConsentMethod_Digital",
    };

    public static string Key(RecordKinds kind) => kind switch
    {
        RecordKinds.None => "Enum_RecordKinds_None",
        RecordKinds.FollowUp => "Enum_RecordKinds_FollowUp",
        RecordKinds.Conversations => "Enum_RecordKinds_Conversations",
        RecordKinds.IndividualPlan => "Enum_RecordKinds_IndividualPlan",
        RecordKinds.ResponsibilityGroup => "Enum_RecordKinds_ResponsibilityGroup",
        RecordKinds.MentorProgramme => "Enum_RecordKinds_MentorProgramme",
        RecordKinds.FamilyGuidance => "Enum_RecordKinds_FamilyGuidance",
        RecordKinds.All => "Enum_RecordKinds_All",
    };

    public static string Key(AccessBasis basis) => basis switch
    {
        AccessBasis.TeamMember => "Enum_AccessBasis_TeamMember",
        AccessBasis.Disclosure => "Enum_AccessBasis_Disclosure",
        AccessBasis.EmergencyAccess => "Enum_AccessBasis_EmergencyAccess",
    };

    public static string Key(DisclosureBasisKind basis) => basis switch
    {
        DisclosureBasisKind.Consent => "FollowUps_Disclosure_BasisConsent",
        DisclosureBasisKind.LegalBasis => "FollowUps_Disclosure_BasisLegal",
    };

    /// <summary>The list's status filter as the query's optional status.</summary>
    public static FollowUpStatus? Status(StatusFilter filter) => filter switch
    {
        StatusFilter.All => null,
        StatusFilter.Open => FollowUpStatus.Open,
        StatusFilter.Closed => FollowUpStatus.Closed,
    };

    /// <summary>A combination of record kinds as a list of labels ("Oppfølgingen, Samtaler").</summary>
    public static string Kinds(RecordKinds kinds, IStringLocalizer<Ui> t)
    {
        if (kinds == RecordKinds.None || kinds == RecordKinds.All)
        {
            return t[Key(kinds)];
        }

        return string.Join(", ", SingleKinds.Where(k => kinds.HasFlag(k)).Select(k => t[Key(k)].Value));
    }
}
