using System.Globalization;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Creates a user in a unit of the administrator's own agency, with roles of that agency (as
/// <see cref="SetUserRoles"/>), and an invitation: the answer carries the one-time activation token. The user
/// cannot sign in until they have activated the account with it (ADR-026). Another agency's unit is answered as an
/// unknown unit, on the field.
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record CreateUser(string? UserName, string? DisplayName, Guid UnitId, IReadOnlyList<Role>? Roles, string? Email) : ICommand<UserCreated>;

public sealed record UserCreated(Guid Id, InvitationIssued Invitation) : IOneTimeSecret
{
    public object WithoutSecret() => new { Id, Invitation = Invitation.WithoutSecret() };
}

internal sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public const int DisplayNameMaxLength = 100;
    public const int EmailMaxLength = 256;

    public CreateUserValidator()
    {
        RuleFor(x => x.UserName).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => Messages.Admin_UserNameRequired)
            .MaximumLength(UserNames.MaxLength).WithMessage(_ => Messages.Admin_UserNameTooLong)
            .Must(v => !UserNames.HasInvisible(v!.Trim())).WithMessage(_ => Messages.Admin_UserNameInvisible)
            .Must(v => UserNames.HasOnlyAllowedCharacters(v!.Trim())).WithMessage(_ => Messages.Admin_UserNameCharacters);
        RuleFor(x => x.DisplayName).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => Messages.Admin_DisplayNameRequired)
            .SingleLine(DisplayNameMaxLength);
        RuleFor(x => x.UnitId).NotEmpty().WithMessage(_ => Messages.Admin_UnitRequired);
        RuleFor(x => x.Roles).NotNull().Must(r => r is { Count: > 0 }).WithMessage(_ => Messages.Admin_RolesRequired);
        RuleForEach(x => x.Roles).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => Messages.Admin_EmailRequired)
            .SingleLine(EmailMaxLength)
            .EmailAddress().WithMessage(_ => Messages.Admin_EmailInvalid);
    }
}

internal sealed class CreateUserHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<CreateUser, UserCreated>
{
    public async ValueTask<UserCreated> Handle(CreateUser command, CancellationToken cancellationToken)
    {
        var administrator = currentUser.Required;
        // The other agency's unit is "not found", like a unit that does not exist: nothing tells them apart.
        var target = await db.Units.Where(u => u.Id == command.UnitId && u.AgencyId == administrator.AgencyId)
            .Join(db.Agencies, u => u.AgencyId, a => a.Id, (u, a) => new { a.Kind, u.DeactivatedAt })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new RuleViolationException(nameof(command.UnitId), Messages.Admin_UnitNotFound);
        if (target.DeactivatedAt is not null)
        {
            throw new RuleViolationException(nameof(command.UnitId), Messages.Unit_Deactivated);
        }

        var agency = target.Kind;

        var invalid = command.Roles!
            .Select((role, index) => (role, index))
            .Where(x => !x.role.ExistsIn(agency))
            .Select(x => new ValidationFailure(
                $"{nameof(command.Roles)}[{x.index}]",
                string.Format(CultureInfo.CurrentCulture, agency == AgencyKind.Police ? Messages.Admin_RoleNotInPolice : Messages.Admin_RoleNotInMunicipality, x.role)))
            .ToList();
        if (invalid.Count > 0)
        {
            throw new ValidationException(invalid);
        }

        var userName = UserNames.Clean(command.UserName!);
        await CheckUserNameIsFreeAsync(userName, cancellationToken);

        var now = clock.GetUtcNow();
        var email = command.Email!.Trim();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = userName,
            NormalizedUserName = UserNames.Normalised(userName),
            DisplayName = TextRules.Clean(command.DisplayName)!,
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            UnitId = command.UnitId,
            AwaitingActivation = true,
            // As Identity's CreateAsync would: lockout on (R9), fresh stamps.
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);

        var wanted = command.Roles!.Distinct().Select(r => r.ToString()).ToList();
        var roles = await db.Roles.Where(r => wanted.Contains(r.Name!)).ToListAsync(cancellationToken);
        foreach (var name in wanted)
        {
            var role = roles.FirstOrDefault(r => r.Name == name);
            if (role is null)
            {
                role = new AppRole(name) { Id = Guid.CreateVersion7(), NormalizedName = name.ToUpperInvariant() };
                db.Roles.Add(role);
            }

            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
        }

        var invitation = await Invitations.IssueAsync(db, user.Id, administrator.UserId, now, cancellationToken);
        return new UserCreated(user.Id, invitation);
    }

    /// <summary>
    /// Taken (same name in any case) or confusable (same skeleton) with any existing user name, of either agency:
    /// user names are one namespace at the sign-in page. The unique index on the normalised name stays the last word.
    /// </summary>
    private async Task CheckUserNameIsFreeAsync(string userName, CancellationToken cancellationToken)
    {
        var normalised = UserNames.Normalised(userName);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalised, cancellationToken))
        {
            throw new RuleViolationException(nameof(CreateUser.UserName), Messages.Admin_UserNameTaken);
        }

        var skeleton = UserNames.Skeleton(userName);
        var existing = await db.Users.Select(u => u.UserName!).ToListAsync(cancellationToken);
        if (existing.Any(name => string.Equals(UserNames.Skeleton(name), skeleton, StringComparison.Ordinal)))
        {
            throw new RuleViolationException(nameof(CreateUser.UserName), Messages.Admin_UserNameConfusable);
        }

        // After the look-alike check, so "аdmin" (Cyrillic а) next to "admin" is named for what it imitates.
        if (UserNames.HasMixedScripts(userName))
        {
            throw new RuleViolationException(nameof(CreateUser.UserName), Messages.Admin_UserNameMixedScripts);
        }
    }
}
