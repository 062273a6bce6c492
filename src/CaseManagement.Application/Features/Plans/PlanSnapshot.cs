using System.Globalization;
using System.Text.Json;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Plans;

public sealed record GoalSnapshot(Guid Id, Guid? ParentGoalId, string Text);

public sealed record MeasureSnapshot(
    Guid Id, Guid GoalId, string Description, string? Scope, string? HowCarriedOut, Guid ResponsibleParticipantId, string ResponsibleService,
    string ResponsiblePerson, DateOnly StartOn, DateOnly EndOn, MeasureStatus Status);

public sealed record ParticipantSnapshot(Guid Id, ParticipantKind Kind, string Name, string? Contribution);

/// <summary>The plan as approved: what a version holds (no progress notes, no consents).</summary>
public sealed record PlanSnapshot(
    Guid CoordinatorUserId,
    string PersonGoals,
    string? Resources,
    string? Needs,
    string? Cooperation,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    DateOnly NextRevisionOn,
    IReadOnlyList<GoalSnapshot> Goals,
    IReadOnlyList<MeasureSnapshot> Measures,
    IReadOnlyList<ParticipantSnapshot> Participants)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PlanSnapshot FromJson(string json) => JsonSerializer.Deserialize<PlanSnapshot>(json, Json)
        ?? throw new InvalidOperationException("An empty plan snapshot.");

    /// <summary>The working copy as it is now.</summary>
    public static async Task<PlanSnapshot> TakeAsync(CaseDbContext db, IndividualPlan plan, CancellationToken ct)
    {
        var goals = await db.PlanGoals.AsNoTracking().Where(g => g.PlanId == plan.Id).OrderBy(g => g.Position)
            .Select(g => new GoalSnapshot(g.Id, g.ParentGoalId, g.Text)).ToListAsync(ct);
        var participants = await db.PlanParticipants.AsNoTracking().Where(p => p.PlanId == plan.Id)
            .Select(p => new ParticipantSnapshot(p.Id, p.Kind, p.Name, p.Contribution)).ToListAsync(ct);
        var names = participants.ToDictionary(p => p.Id, p => p.Name);
        var measures = (await db.PlanMeasures.AsNoTracking().Where(m => m.PlanId == plan.Id).ToListAsync(ct))
            .OrderBy(m => m.StartOn).ThenBy(m => m.Id)
            .Select(m => new MeasureSnapshot(
                m.Id, m.GoalId, m.Description, m.Scope, m.HowCarriedOut, m.ResponsibleParticipantId, names.GetValueOrDefault(m.ResponsibleParticipantId, ""),
                m.ResponsiblePerson, m.StartOn, m.EndOn, m.Status))
            .ToList();
        return new PlanSnapshot(
            plan.CoordinatorUserId, plan.PersonGoals, plan.Resources, plan.Needs, plan.Cooperation, plan.PeriodFrom, plan.PeriodTo, plan.NextRevisionOn,
            goals, measures, participants);
    }
}

public enum PlanChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>What a change is about.</summary>
public enum PlanChangeArea
{
    Plan,
    Goal,
    Measure,
    Participant,
}

/// <summary>One difference between two states of a plan, field by field for changes.</summary>
public sealed record PlanChange(PlanChangeArea Area, Guid? ItemId, string Label, PlanChangeKind Kind, string? Field, string? OldValue, string? NewValue);

/// <summary>The difference between an approved version and a later state: added, removed and changed goals, measures, participants.</summary>
public static class PlanDiff
{
    public static IReadOnlyList<PlanChange> Between(PlanSnapshot before, PlanSnapshot after)
    {
        var changes = new List<PlanChange>();
        Fields(changes, PlanChangeArea.Plan, null, "", PlanFields(before), PlanFields(after));
        Items(changes, PlanChangeArea.Goal, before.Goals, after.Goals, g => g.Id, g => g.Text, g => [("Text", g.Text)]);
        Items(changes, PlanChangeArea.Measure, before.Measures, after.Measures, m => m.Id, m => m.Description, MeasureFields);
        Items(changes, PlanChangeArea.Participant, before.Participants, after.Participants, p => p.Id, p => p.Name,
            p => [("Name", p.Name), ("Contribution", p.Contribution)]);
        return changes;
    }

    private static (string, string?)[] PlanFields(PlanSnapshot s) =>
    [
        ("PersonGoals", s.PersonGoals), ("Resources", s.Resources), ("Needs", s.Needs), ("Cooperation", s.Cooperation),
        ("PeriodFrom", Date(s.PeriodFrom)), ("PeriodTo", Date(s.PeriodTo)), ("NextRevisionOn", Date(s.NextRevisionOn)),
        ("CoordinatorUserId", s.CoordinatorUserId.ToString()),
    ];

    private static (string, string?)[] MeasureFields(MeasureSnapshot m) =>
    [
        ("Description", m.Description), ("Scope", m.Scope), ("HowCarriedOut", m.HowCarriedOut), ("ResponsibleService", m.ResponsibleService),
        ("ResponsiblePerson", m.ResponsiblePerson), ("StartOn", Date(m.StartOn)), ("EndOn", Date(m.EndOn)), ("Status", m.Status.ToString()),
        ("GoalId", m.GoalId.ToString()),
    ];

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Items<T>(
        List<PlanChange> changes, PlanChangeArea area, IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, Guid> id, Func<T, string> label,
        Func<T, (string, string?)[]> fields)
    {
        var old = before.ToDictionary(id);
        var now = after.ToDictionary(id);
        foreach (var item in after.Where(i => !old.ContainsKey(id(i))))
        {
            changes.Add(new PlanChange(area, id(item), label(item), PlanChangeKind.Added, null, null, null));
        }

        foreach (var item in before.Where(i => !now.ContainsKey(id(i))))
        {
            changes.Add(new PlanChange(area, id(item), label(item), PlanChangeKind.Removed, null, null, null));
        }

        foreach (var item in after.Where(i => old.ContainsKey(id(i))))
        {
            Fields(changes, area, id(item), label(item), fields(old[id(item)]), fields(item));
        }
    }

    private static void Fields(List<PlanChange> changes, PlanChangeArea area, Guid? id, string label, (string Name, string? Value)[] before, (string Name, string? Value)[] after)
    {
        for (var i = 0; i < before.Length; i++)
        {
            if (!string.Equals(before[i].Value, after[i].Value, StringComparison.Ordinal))
            {
                changes.Add(new PlanChange(area, id, label, PlanChangeKind.Changed, before[i].Name, before[i].Value, after[i].Value));
            }
        }
    }
}
