namespace CaseManagement.Domain.Sharing;

/// <summary>The record kinds (sections) of a follow-up that access and disclosures are granted for.</summary>
[Flags]
public enum RecordKinds
{
    None = 0,

    /// <summary>The follow-up itself: status, team, source of concern, and the person's basic details.</summary>
    FollowUp = 1,

    /// <summary>Bekymrings-, avklarings- og oppfølgingssamtaler with agreements (police).</summary>
    Conversations = 2,

    IndividualPlan = 4,
    ResponsibilityGroup = 8,
    MentorProgramme = 16,
    FamilyGuidance = 32,

    All = FollowUp | Conversations | IndividualPlan | ResponsibilityGroup | MentorProgramme | FamilyGuidance,
}
