using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>The external identity providers the host has configured, by scheme name (ADR-016).</summary>
public sealed class ExternalIdentityProviders(IEnumerable<string> schemes)
{
    public IReadOnlySet<string> Schemes { get; } = schemes.ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// Links a person's identity at an external provider (the directory's stable subject, e.g. Entra ID's object id or
/// ID-porten's pid) to an existing user of the administrator's own agency, so that a sign-in through that provider
/// is this user. One identity per provider and user: a new one replaces the old. An identity can belong to one user
/// only. An external identity never creates an account (ADR-016); only an administrator or an accepted invitation
/// links one.
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record LinkExternalIdentity(Guid UserId, string Provider, string Subject) : ICommand<UserChanged>;

/// <summary>Ends the link between a user and their identity at one provider; sign-in there stops working for them.</summary>
[Requires(Capability.AdministerUsers)]
public sealed record UnlinkExternalIdentity(Guid UserId, string Provider) : ICommand<UserChanged>;

public sealed record ExternalIdentity(string Provider, string Subject);

internal sealed class LinkExternalIdentityValidator : AbstractValidator<LinkExternalIdentity>
{
    /// <summary>Subjects are opaque identifiers of at most a few dozen characters; 256 leaves room for any provider.</summary>
    public const int SubjectMaxLength = 256;

    public LinkExternalIdentityValidator(ExternalIdentityProviders providers)
    {
        RuleFor(x => x.UserId).NotEmpty();
        RuleFor(x => x.Provider).Must(p => p is not null && providers.Schemes.Contains(p)).WithMessage(_ => Messages.Admin_ExternalProviderUnknown);
        RuleFor(x => x.Subject).NotEmpty().WithMessage(_ => Messages.Admin_ExternalSubjectRequired).SingleLine(SubjectMaxLength)
            .Must(s => s is null || !s.Trim().Any(char.IsWhiteSpace)).WithMessage(_ => Messages.Admin_ExternalSubjectSpaces);
    }
}

internal sealed class UnlinkExternalIdentityValidator : AbstractValidator<UnlinkExternalIdentity>
{
    public UnlinkExternalIdentityValidator()
    {
        RuleFor(x => x.UserId).NotEmpty();
        RuleFor(x => x.Provider).NotEmpty().SingleLine(100);
    }
}

internal sealed class LinkExternalIdentityHandler(CaseDbContext db, CurrentUser currentUser) : ICommandHandler<LinkExternalIdentity, UserChanged>
{
    public async ValueTask<UserChanged> Handle(LinkExternalIdentity command, CancellationToken cancellationToken)
    {
        var user = await AdministeredUsers.AnotherUserAsync(db, currentUser.Required, command.UserId, cancellationToken);
        await AdministeredUsers.RefuseServiceAccountAsync(db, user, cancellationToken);
        var subject = command.Subject.Trim();
        var holder = await db.UserLogins.Where(l => l.LoginProvider == command.Provider && l.ProviderKey == subject).Select(l => (Guid?)l.UserId).SingleOrDefaultAsync(cancellationToken);
        if (holder == user.Id)
        {
            return new UserChanged(user.Id);
        }

        if (holder is not null)
        {
            // Whoever holds it, in either agency: an identity that signs in as two users would be a way across.
            throw new RuleViolationException(nameof(command.Subject), Messages.Admin_ExternalSubjectTaken);
        }

        db.UserLogins.RemoveRange(await db.UserLogins.Where(l => l.UserId == user.Id && l.LoginProvider == command.Provider).ToListAsync(cancellationToken));
        db.UserLogins.Add(new IdentityUserLogin<Guid> { UserId = user.Id, LoginProvider = command.Provider, ProviderKey = subject, ProviderDisplayName = command.Provider });
        return new UserChanged(user.Id);
    }
}

internal sealed class UnlinkExternalIdentityHandler(CaseDbContext db, CurrentUser currentUser) : ICommandHandler<UnlinkExternalIdentity, UserChanged>
{
    public async ValueTask<UserChanged> Handle(UnlinkExternalIdentity command, CancellationToken cancellationToken)
    {
        var user = await AdministeredUsers.AnotherUserAsync(db, currentUser.Required, command.UserId, cancellationToken);
        var links = await db.UserLogins.Where(l => l.UserId == user.Id && l.LoginProvider == command.Provider).ToListAsync(cancellationToken);
        if (links.Count == 0)
        {
            throw new RuleViolationException(nameof(command.Provider), Messages.Admin_ExternalNotLinked);
        }

        db.UserLogins.RemoveRange(links);
        // Sessions that came in through the provider end with the link.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        return new UserChanged(user.Id);
    }
}
