using CaseManagement.Application.Common;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Persons;
using FluentValidation;

namespace CaseManagement.Application.Features.Persons;

/// <summary>A guardian as entered. <c>Id</c> names an existing guardian when correcting; empty adds one.</summary>
public sealed record GuardianInput(string Name, GuardianRelation Relation, string? Phone = null, string? Email = null, Guid? Id = null);

/// <summary>The fields a person is registered and corrected with.</summary>
public interface IPersonFields
{
    string GivenName { get; }
    string FamilyName { get; }
    DateOnly? DateOfBirth { get; }
    string? NationalIdentityNumber { get; }
    string? Phone { get; }
    string? Email { get; }
    string? Address { get; }
    string? PreferredLanguage { get; }
    bool NeedsInterpreter { get; }
    IReadOnlyList<GuardianInput>? Guardians { get; }
}

/// <summary>Rules shared by registering and correcting a person. Error texts never repeat the identity number.</summary>
internal abstract class PersonFieldsValidator<T> : AbstractValidator<T>
    where T : IPersonFields
{
    public const int MaxGuardians = 6;

    protected PersonFieldsValidator(TimeProvider clock)
    {
        RuleFor(x => x.GivenName).NotEmpty().SingleLine(Person.NameMaxLength);
        RuleFor(x => x.FamilyName).NotEmpty().SingleLine(Person.NameMaxLength);
        RuleFor(x => x.Phone).SingleLine(Person.PhoneMaxLength).Matches(@"^\+?[0-9 ]{3,30}$").When(x => !string.IsNullOrEmpty(x.Phone));
        RuleFor(x => x.Email).SingleLine(Person.EmailMaxLength).EmailAddress().When(x => !string.IsNullOrEmpty(x.Email));
        RuleFor(x => x.Address).SingleLine(Person.AddressMaxLength);
        RuleFor(x => x.PreferredLanguage).SingleLine(Person.LanguageMaxLength);

        RuleFor(x => x.NationalIdentityNumber)
            .Custom((value, ctx) =>
            {
                if (string.IsNullOrEmpty(value))
                {
                    return;
                }

                var check = Domain.Persons.NationalIdentityNumber.Check(value);
                if (!check.IsValid)
                {
                    ctx.AddFailure(ctx.PropertyPath, NinMessage(check.Error!.Value));
                }
            });

        RuleFor(x => x.DateOfBirth)
            .Custom((value, ctx) =>
            {
                var today = OsloTime.Today(clock);
                var nin = Domain.Persons.NationalIdentityNumber.Check(ctx.InstanceToValidate.NationalIdentityNumber);
                var fromNumber = nin is { IsValid: true, Kind: IdentityNumberKind.BirthNumber } ? nin.DatePart : null;
                if (value is null && fromNumber is null)
                {
                    ctx.AddFailure(ctx.PropertyPath, Messages.Person_DateOfBirthRequired);
                    return;
                }

                var date = value ?? fromNumber!.Value;
                if (date > today)
                {
                    ctx.AddFailure(ctx.PropertyPath, Messages.Person_DateOfBirthInFuture);
                }
                else if (date < new DateOnly(1900, 1, 1))
                {
                    ctx.AddFailure(ctx.PropertyPath, Messages.Person_DateOfBirthTooEarly);
                }
                else if (value is not null && fromNumber is not null && value != fromNumber)
                {
                    ctx.AddFailure(ctx.PropertyPath, Messages.Nin_DateMismatch);
                }
            });

        RuleFor(x => x.Guardians)
            .Must(g => g is null || g.Count <= MaxGuardians).WithMessage(_ => Messages.Person_TooManyGuardians)
            .Must((x, g) => g is null || g.Count == 0 || !IsAdult(x, clock)).WithMessage(_ => Messages.Person_AdultHasNoGuardians);
        RuleForEach(x => x.Guardians).ChildRules(g =>
        {
            g.RuleFor(x => x.Name).NotEmpty().SingleLine(Person.NameMaxLength * 2);
            g.RuleFor(x => x.Relation).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
            g.RuleFor(x => x.Phone).SingleLine(Person.PhoneMaxLength).Matches(@"^\+?[0-9 ]{3,30}$").When(x => !string.IsNullOrEmpty(x.Phone));
            g.RuleFor(x => x.Email).SingleLine(Person.EmailMaxLength).EmailAddress().When(x => !string.IsNullOrEmpty(x.Email));
        });
    }

    public static string NinMessage(IdentityNumberError error) => error switch
    {
        IdentityNumberError.Empty => Messages.Nin_Empty,
        IdentityNumberError.WrongLength => Messages.Nin_WrongLength,
        IdentityNumberError.NotDigits => Messages.Nin_NotDigits,
        IdentityNumberError.InvalidDate => Messages.Nin_InvalidDate,
        IdentityNumberError.InvalidCheckDigits => Messages.Nin_InvalidCheckDigits,
        IdentityNumberError.TestNumberNotAllowed => Messages.Nin_TestNumberNotAllowed,
    };

    private static bool IsAdult(T x, TimeProvider clock)
    {
        var date = PersonFieldsMapping.DateOfBirth(x);
        return date is not null && Age.IsAdultAt(date.Value, OsloTime.Today(clock));
    }
}

internal static class PersonFieldsMapping
{
    /// <summary>The date of birth as given, else the date in a birth number.</summary>
    public static DateOnly? DateOfBirth(IPersonFields x)
    {
        if (x.DateOfBirth is not null)
        {
            return x.DateOfBirth;
        }

        var nin = NationalIdentityNumber.Check(x.NationalIdentityNumber);
        return nin is { IsValid: true, Kind: IdentityNumberKind.BirthNumber } ? nin.DatePart : null;
    }

    /// <summary>Cleaned, validated details. Only call after the validator has passed.</summary>
    public static PersonDetails ToDetails(IPersonFields x) => new(
        TextRules.Clean(x.GivenName)!,
        TextRules.Clean(x.FamilyName)!,
        DateOfBirth(x)!.Value,
        string.IsNullOrEmpty(x.NationalIdentityNumber) ? null : NationalIdentityNumber.Normalise(x.NationalIdentityNumber),
        TextRules.Clean(x.Phone),
        TextRules.Clean(x.Email),
        TextRules.Clean(x.Address),
        TextRules.Clean(x.PreferredLanguage),
        x.NeedsInterpreter);
}
