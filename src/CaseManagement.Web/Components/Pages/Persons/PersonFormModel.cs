using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.Persons;

namespace CaseManagement.Web.Components.Pages.Persons;

/// <summary>What the register and edit forms hold while the user types. The date stays text until sent.</summary>
public sealed class PersonFormModel
{
    public const int MaxGuardians = 6;

    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string DateOfBirth { get; set; } = "";
    public string NationalIdentityNumber { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    public string Address { get; set; } = "";
    public string PreferredLanguage { get; set; } = "";
    public bool NeedsInterpreter { get; set; }
    public List<GuardianFormRow> Guardians { get; } = [];

    public static PersonFormModel From(PersonView person)
    {
        var model = new PersonFormModel
        {
            GivenName = person.GivenName,
            FamilyName = person.FamilyName,
            DateOfBirth = PersonFormat.Date(person.DateOfBirth),
            NationalIdentityNumber = person.NationalIdentityNumber ?? "",
            Phone = person.Phone ?? "",
            Email = person.Email ?? "",
            Address = person.Address ?? "",
            PreferredLanguage = person.PreferredLanguage ?? "",
            NeedsInterpreter = person.NeedsInterpreter,
        };
        model.Guardians.AddRange(person.Guardians.Select(g => new GuardianFormRow
        {
            Id = g.Id,
            Name = g.Name,
            Relation = g.Relation,
            Phone = g.Phone ?? "",
            Email = g.Email ?? "",
        }));
        return model;
    }

    /// <summary>
    /// What cannot even be put into a message (a date that is not a date, a relation not chosen). Everything
    /// else is left to the server's validators, which are the rules.
    /// </summary>
    public void CheckInput(FieldErrors errors, string dateFormatMessage, string relationRequiredMessage)
    {
        if (!PersonFormat.TryParseDate(DateOfBirth, out _))
        {
            errors.Add(nameof(DateOfBirth), dateFormatMessage);
        }

        for (var i = 0; i < Guardians.Count; i++)
        {
            if (Guardians[i].Relation is null)
            {
                errors.Add(GuardianField(i, nameof(GuardianFormRow.Relation)), relationRequiredMessage);
            }
        }
    }

    public static string GuardianField(int index, string property) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Guardians[{index}].{property}");

    /// <summary>Reads "Guardians[2].Name" as (2, "Name").</summary>
    public static bool TryParseGuardianField(string field, out int index, out string property)
    {
        const string prefix = "Guardians[";
        index = -1;
        property = "";
        var close = field.IndexOf("].", StringComparison.Ordinal);
        if (!field.StartsWith(prefix, StringComparison.Ordinal) || close < 0 ||
            !int.TryParse(field.AsSpan(prefix.Length, close - prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index))
        {
            return false;
        }

        property = field[(close + 2)..];
        return true;
    }

    public RegisterPerson ToRegisterCommand() => new(
        GivenName,
        FamilyName,
        ParsedDate(),
        Optional(NationalIdentityNumber),
        Optional(Phone),
        Optional(Email),
        Optional(Address),
        Optional(PreferredLanguage),
        NeedsInterpreter,
        GuardianInputs());

    public CorrectPersonDetails ToCorrectCommand(Guid personId, string version) => new(
        personId,
        version,
        GivenName,
        FamilyName,
        ParsedDate(),
        Optional(NationalIdentityNumber),
        Optional(Phone),
        Optional(Email),
        Optional(Address),
        Optional(PreferredLanguage),
        NeedsInterpreter,
        GuardianInputs());

    private DateOnly? ParsedDate() =>
        PersonFormat.TryParseDate(DateOfBirth, out var date) ? date : throw new InvalidOperationException("CheckInput first.");

    private List<GuardianInput> GuardianInputs() =>
        Guardians.Select(g => new GuardianInput(g.Name, g.Relation ?? throw new InvalidOperationException("CheckInput first."), Optional(g.Phone), Optional(g.Email), g.Id)).ToList();

    private static string? Optional(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

public sealed class GuardianFormRow
{
    /// <summary>The stored guardian this row edits; null for a new one.</summary>
    public Guid? Id { get; init; }

    /// <summary>Stable key for rendering, so removing a row never moves typed text into its neighbour.</summary>
    public Guid Key { get; } = Guid.NewGuid();

    public string Name { get; set; } = "";
    public GuardianRelation? Relation { get; set; }
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
}
