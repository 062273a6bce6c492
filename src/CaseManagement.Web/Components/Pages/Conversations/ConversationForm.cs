using CaseManagement.Application.Features.Conversations;
using CaseManagement.Domain.Conversations;
using CaseManagement.Web.Components.Pages.FollowUps;
using CaseManagement.Web.Components.Pages.Persons;

namespace CaseManagement.Web.Components.Pages.Conversations;

/// <summary>One participant row on the preparation step.</summary>
public sealed class ParticipantRow
{
    public Guid? Id { get; set; }
    public string Name { get; set; } = "";
    public ParticipantCapacity Capacity { get; set; } = ParticipantCapacity.Person;
    public bool WithPerson { get; set; }
    public bool WithGuardians { get; set; }
    public bool Joint { get; set; }

    public ConversationParts Parts =>
        (WithPerson ? ConversationParts.WithPerson : 0) | (WithGuardians ? ConversationParts.WithGuardians : 0) | (Joint ? ConversationParts.Joint : 0);
}

/// <summary>One life area on the conversation step: ratings 0–3 and a note.</summary>
public sealed class LifeAreaRow
{
    public LifeArea Area { get; init; }
    public int Risk { get; set; }
    public int Protective { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// The three steps' input, kept on the page between steps and across saves: a save sends only its step, and a
/// conflict (someone else saved first) leaves the input here for the officer to send again on the latest version.
/// </summary>
public sealed class ConversationForm
{
    public string Date { get; set; } = "";
    public string? AssessmentNote { get; set; }
    public AttendanceTrack? Track { get; set; } = AttendanceTrack.Voluntary;
    public string? SuspicionNote { get; set; }
    public bool GuardiansInvited { get; set; }
    public string? GuardiansOmittedReason { get; set; }
    public string? PreparationNotes { get; set; }
    public List<ParticipantRow> Participants { get; } = [];
    public bool ToldPurpose { get; set; }
    public bool ToldVoluntary { get; set; }
    public bool ToldWhatIsRecorded { get; set; }
    public List<LifeAreaRow> LifeAreas { get; } = [];
    public string? ConsequencesInformation { get; set; }
    public string? PersonAccount { get; set; }
    public string? GuardiansAccount { get; set; }
    public ConcernLevel? ConcernLevel { get; set; }
    public ConversationConclusion? Conclusion { get; set; }
    public string? ConclusionNote { get; set; }

    public static ConversationForm From(ConversationView v)
    {
        var form = new ConversationForm
        {
            Date = PersonFormat.Date(v.Date),
            AssessmentNote = v.AssessmentNote,
            Track = v.Track,
            SuspicionNote = v.SuspicionNote,
            GuardiansInvited = v.GuardiansInvited,
            GuardiansOmittedReason = v.GuardiansOmittedReason,
            PreparationNotes = v.PreparationNotes,
            ToldPurpose = v.ToldPurpose,
            ToldVoluntary = v.ToldVoluntary,
            ToldWhatIsRecorded = v.ToldWhatIsRecorded,
            ConsequencesInformation = v.ConsequencesInformation,
            PersonAccount = v.PersonAccount,
            GuardiansAccount = v.GuardiansAccount,
            ConcernLevel = v.ConcernLevel,
            Conclusion = v.Conclusion,
            ConclusionNote = v.ConclusionNote,
        };
        form.Participants.AddRange(v.Participants.Select(p => new ParticipantRow
        {
            Id = p.Id,
            Name = p.Name,
            Capacity = p.Capacity,
            WithPerson = p.Parts.HasFlag(ConversationParts.WithPerson),
            WithGuardians = p.Parts.HasFlag(ConversationParts.WithGuardians),
            Joint = p.Parts.HasFlag(ConversationParts.Joint),
        }));
        form.LifeAreas.AddRange(Enum.GetValues<LifeArea>().Select(area =>
        {
            var saved = v.LifeAreas.FirstOrDefault(a => a.Area == area);
            return new LifeAreaRow { Area = area, Risk = saved?.Risk ?? 0, Protective = saved?.Protective ?? 0, Note = saved?.Note };
        }));
        return form;
    }

    public SaveConversationPreparation Preparation(Guid id, string version, DateOnly date) => new(
        id, version, date, Track ?? AttendanceTrack.Voluntary, GuardiansInvited,
        Participants.Where(p => !string.IsNullOrWhiteSpace(p.Name)).Select(p => new ParticipantInput(p.Name, p.Capacity, p.Parts)).ToList(),
        Blank(AssessmentNote), Blank(SuspicionNote), Blank(GuardiansOmittedReason), Blank(PreparationNotes));

    public SaveConversationRecord Record(Guid id, string version, DateOnly date) => new(
        id, version, date, ToldPurpose, ToldVoluntary, ToldWhatIsRecorded,
        LifeAreas.Select(a => new LifeAreaInput(a.Area, a.Risk, a.Protective, Blank(a.Note))).ToList(),
        Participants.Where(p => p.Id is not null).Select(p => new AttendanceInput(p.Id!.Value, p.Parts)).ToList(),
        Blank(ConsequencesInformation), Blank(PersonAccount), Blank(GuardiansAccount));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

/// <summary>The steps of the conversation page.</summary>
public enum ConversationStep
{
    Preparation,
    Conversation,
    Conclusion,
}
