using CaseManagement.Domain.Persons;

namespace CaseManagement.Web.Components.Pages.Persons;

/// <summary>
/// What a draft of the person form keeps. The national identity number is left out on purpose: it is never kept in
/// the browser, even encrypted; the user types it again.
/// </summary>
public sealed record PersonDraft(
    string GivenName, string FamilyName, string DateOfBirth, string Phone, string Email, string Address, string PreferredLanguage,
    bool NeedsInterpreter, IReadOnlyList<GuardianDraft> Guardians)
{
    public static PersonDraft From(PersonFormModel model) => new(
        model.GivenName, model.FamilyName, model.DateOfBirth, model.Phone, model.Email, model.Address, model.PreferredLanguage,
        model.NeedsInterpreter, model.Guardians.Select(g => new GuardianDraft(g.Id, g.Name, g.Relation, g.Phone, g.Email)).ToList());

    public void ApplyTo(PersonFormModel model)
    {
        model.GivenName = GivenName;
        model.FamilyName = FamilyName;
        model.DateOfBirth = DateOfBirth;
        model.Phone = Phone;
        model.Email = Email;
        model.Address = Address;
        model.PreferredLanguage = PreferredLanguage;
        model.NeedsInterpreter = NeedsInterpreter;
        model.Guardians.Clear();
        model.Guardians.AddRange(Guardians.Take(PersonFormModel.MaxGuardians).Select(g => new GuardianFormRow
        {
            Id = g.Id, Name = g.Name, Relation = g.Relation, Phone = g.Phone, Email = g.Email,
        }));
    }
}

public sealed record GuardianDraft(Guid? Id, string Name, GuardianRelation? Relation, string Phone, string Email);
