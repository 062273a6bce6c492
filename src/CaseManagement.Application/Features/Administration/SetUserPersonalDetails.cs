using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Persons;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Records a user's own identity number, family name and home address, which the privacy officer's review queue
/// compares with the persons the user reads (self-, relative- and colleague look-ups, ADR-011). All optional; the
/// number and the address are stored encrypted and the number is matched through its blind index. An administrator
/// may not record their own (they would decide what the review finds about them).
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record SetUserPersonalDetails(Guid UserId, string? NationalIdentityNumber, string? FamilyName, string? HomeAddress) : ICommand<UserChanged>;

internal sealed class SetUserPersonalDetailsValidator : AbstractValidator<SetUserPersonalDetails>
{
    public SetUserPersonalDetailsValidator()
    {
        RuleFor(x => x.UserId).NotEmpty();
        RuleFor(x => x.FamilyName).SingleLine(Person.NameMaxLength);
        RuleFor(x => x.HomeAddress).SingleLine(Person.AddressMaxLength);
        RuleFor(x => x.NationalIdentityNumber).Custom((value, ctx) =>
        {
            if (!string.IsNullOrEmpty(value) && NationalIdentityNumber.Check(value) is { IsValid: false } check)
            {
                ctx.AddFailure(ctx.PropertyPath, PersonFieldsValidator<IPersonFields>.NinMessage(check.Error!.Value));
            }
        });
    }
}

internal sealed class SetUserPersonalDetailsHandler(CaseDbContext db, CurrentUser currentUser) : ICommandHandler<SetUserPersonalDetails, UserChanged>
{
    public async ValueTask<UserChanged> Handle(SetUserPersonalDetails command, CancellationToken cancellationToken)
    {
        if (command.UserId == currentUser.Required.UserId)
        {
            throw new RuleViolationException(nameof(command.UserId), Resources.Messages.Admin_CannotChangeOwnDetails);
        }

        // Own agency only, as for roles and disabling: the other agency's user is "not found".
        var user = await AdministeredUsers.OfOwnAgency(db, currentUser.Required).SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken)
            ?? throw new NotFoundException("User");
        user.NationalIdentityNumber = string.IsNullOrEmpty(command.NationalIdentityNumber) ? null : NationalIdentityNumber.Normalise(command.NationalIdentityNumber);
        user.FamilyName = TextRules.Clean(command.FamilyName);
        user.HomeAddress = TextRules.Clean(command.HomeAddress);
        return new UserChanged(user.Id);
    }
}
