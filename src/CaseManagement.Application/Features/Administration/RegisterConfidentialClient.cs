using System.Globalization;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Registers a system (client credentials only) of the administrator's own agency, acting as a new service account
/// in <paramref name="UnitId"/> that holds exactly the named <paramref name="Capabilities"/> (ADR-029). The answer
/// carries the secret, made by the server and shown once; OpenIddict stores only its hash.
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record RegisterConfidentialClient(string? ClientId, string? DisplayName, Guid UnitId, IReadOnlyList<Capability>? Capabilities)
    : ICommand<ConfidentialClientRegistered>;

public sealed record ConfidentialClientRegistered(Guid Id, string ClientId, Guid ServiceAccountUserId, string ClientSecret) : IOneTimeSecret
{
    public object WithoutSecret() => new { Id, ClientId, ServiceAccountUserId };
}

internal sealed class RegisterConfidentialClientValidator : AbstractValidator<RegisterConfidentialClient>
{
    public RegisterConfidentialClientValidator()
    {
        RuleFor(x => x.ClientId).ClientId();
        RuleFor(x => x.DisplayName).ClientDisplayName();
        RuleFor(x => x.UnitId).NotEmpty().WithMessage(_ => Messages.Admin_UnitRequired);
        RuleFor(x => x.Capabilities).NotNull().Must(c => c is { Count: > 0 }).WithMessage(_ => Messages.Clients_CapabilitiesRequired);
        RuleForEach(x => x.Capabilities).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
    }
}

internal sealed class RegisterConfidentialClientHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, IClientApplications applications)
    : ICommandHandler<RegisterConfidentialClient, ConfidentialClientRegistered>
{
    public async ValueTask<ConfidentialClientRegistered> Handle(RegisterConfidentialClient command, CancellationToken cancellationToken)
    {
        var administrator = currentUser.Required;
        // The other agency's unit is "not found", like a unit that does not exist (as CreateUser).
        var agency = await db.Units.Where(u => u.Id == command.UnitId && u.AgencyId == administrator.AgencyId)
            .Join(db.Agencies, u => u.AgencyId, a => a.Id, (_, a) => (AgencyKind?)a.Kind)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new RuleViolationException(nameof(command.UnitId), Messages.Admin_UnitNotFound);

        var grantable = IntegrationClient.Grantable(agency);
        var invalid = command.Capabilities!
            .Select((capability, index) => (capability, index))
            .Where(x => !grantable.Contains(x.capability))
            .Select(x => new ValidationFailure(
                $"{nameof(command.Capabilities)}[{x.index}]",
                string.Format(
                    CultureInfo.CurrentCulture,
                    x.capability is Capability.AdministerUsers or Capability.ReviewAccess ? Messages.Clients_CapabilityAdministration : Messages.Clients_CapabilityNotGrantable,
                    x.capability)))
            .ToList();
        if (invalid.Count > 0)
        {
            throw new ValidationException(invalid);
        }

        var clientId = command.ClientId!.Trim();
        var displayName = TextRules.Clean(command.DisplayName)!;
        await ClientRules.CheckClientIdIsFreeAsync(db, applications, clientId, cancellationToken);

        // OpenIddict's row first (its store saves at once, inside this transaction), then the audited rows.
        var secret = ClientRules.NewSecret();
        await applications.CreateConfidentialAsync(clientId, displayName, secret, cancellationToken);

        var now = clock.GetUtcNow();
        var userName = ClientRules.ServiceAccountUserName(clientId);
        // A new account, never an existing person's (least of all the administrator's): no password, no roles, so it
        // cannot sign in anywhere and holds only the client's named capabilities.
        var account = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            DisplayName = displayName,
            UnitId = command.UnitId,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(account);
        var client = IntegrationClient.Confidential(
            Guid.CreateVersion7(), administrator.AgencyId, clientId, displayName, account.Id, command.Capabilities!, administrator.UserId, now);
        db.IntegrationClients.Add(client);
        return new ConfidentialClientRegistered(client.Id, clientId, account.Id, secret);
    }
}
