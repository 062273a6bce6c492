namespace CaseManagement.Domain.Persons;

public enum GuardianRelation
{
    Mother,
    Father,
    OtherParent,
    AppointedGuardian,
    ChildWelfareService,
    Other,
}

/// <summary>Foresatt: a guardian of a person under 18.</summary>
public sealed class Guardian
{
    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public string Name { get; private set; }
    public GuardianRelation Relation { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }

    internal Guardian(Guid id, Guid personId, string name, GuardianRelation relation, string? phone, string? email)
    {
        Id = id;
        PersonId = personId;
        Name = name;
        Relation = relation;
        Phone = phone;
        Email = email;
    }

    public void Correct(string name, GuardianRelation relation, string? phone, string? email)
    {
        Name = name;
        Relation = relation;
        Phone = phone;
        Email = email;
    }
}
