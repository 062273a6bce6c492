namespace CaseManagement.Domain.Persons;

/// <summary>
/// The data subject: someone followed up. Registered by one agency (the data controller for this entry);
/// police and municipal registrations of the same individual are kept apart.
/// </summary>
public sealed class Person
{
    public const int NameMaxLength = 100;
    public const int PhoneMaxLength = 30;
    public const int EmailMaxLength = 254;
    public const int AddressMaxLength = 200;
    public const int LanguageMaxLength = 50;

    private readonly List<Guardian> _guardians = [];

    public Guid Id { get; private set; }

    /// <summary>The agency that registered the person and controls this entry.</summary>
    public Guid AgencyId { get; private set; }

    public string GivenName { get; private set; } = "";
    public string FamilyName { get; private set; } = "";
    public DateOnly DateOfBirth { get; private set; }

    /// <summary>"given family" in lower case, for literal substring search on every provider.</summary>
    public string SearchName { get; private set; } = "";

    /// <summary>Fødselsnummer or D-number, normalised to 11 digits. Optional: some people have none yet.</summary>
    [Auditing.Sensitive]
    public string? NationalIdentityNumber { get; private set; }

    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public string? Address { get; private set; }
    public string? PreferredLanguage { get; private set; }
    public bool NeedsInterpreter { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public IReadOnlyList<Guardian> Guardians => _guardians;

    private Person()
    {
    }

    public static Person Register(Guid id, Guid agencyId, PersonDetails details, DateTimeOffset now)
    {
        var person = new Person { Id = id, AgencyId = agencyId, RegisteredAt = now };
        person.Correct(details);
        return person;
    }

    public void Correct(PersonDetails details)
    {
        GivenName = details.GivenName;
        FamilyName = details.FamilyName;
        SearchName = SearchText(details.GivenName + " " + details.FamilyName);
        DateOfBirth = details.DateOfBirth;
        NationalIdentityNumber = details.NationalIdentityNumber;
        Phone = details.Phone;
        Email = details.Email;
        Address = details.Address;
        PreferredLanguage = details.PreferredLanguage;
        NeedsInterpreter = details.NeedsInterpreter;
    }

    /// <summary>The form names are kept in for searching: lower case, culture-independent.</summary>
    public static string SearchText(string text) => text.ToLowerInvariant();

    public int AgeAt(DateOnly date) => Age.At(DateOfBirth, date);

    public bool IsAdultAt(DateOnly date) => Age.IsAdultAt(DateOfBirth, date);

    public Guardian AddGuardian(Guid id, string name, GuardianRelation relation, string? phone, string? email)
    {
        var guardian = new Guardian(id, Id, name, relation, phone, email);
        _guardians.Add(guardian);
        return guardian;
    }

    public void RemoveGuardian(Guardian guardian) => _guardians.Remove(guardian);
}

/// <summary>The editable details of a person, already validated.</summary>
public sealed record PersonDetails(
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string? NationalIdentityNumber,
    string? Phone,
    string? Email,
    string? Address,
    string? PreferredLanguage,
    bool NeedsInterpreter);
