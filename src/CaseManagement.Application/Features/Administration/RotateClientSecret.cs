using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// A new secret for a confidential client of the own agency, shown once. The previous secret keeps working for
/// <paramref name="OverlapHours"/> (0: ends now, as after a leak), so the system can switch without downtime (ADR-029).
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record RotateClientSecret(Guid Id, int OverlapHours) : ICommand<ClientSecretRotated>;

public sealed record ClientSecretRotated(Guid Id, string ClientSecret, DateTimeOffset PreviousSecretValidUntil) : IOneTimeSecret
{
    public object WithoutSecret() => new { Id, PreviousSecretValidUntil };
}

internal sealed class RotateClientSecretValidator : AbstractValidator<RotateClientSecret>
{
    public const int MaxOverlapHours = 720;

    public RotateClientSecretValidator()
    {
        RuleFor(x => x.Id).NotEmpty();
        RuleFor(x => x.OverlapHours).InclusiveBetween(0, MaxOverlapHours).WithMessage(_ => Messages.Clients_OverlapRange);
    }
}

internal sealed class RotateClientSecretHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, IClientApplications applications)
    : ICommandHandler<RotateClientSecret, ClientSecretRotated>
{
    public async ValueTask<ClientSecretRotated> Handle(RotateClientSecret command, CancellationToken cancellationToken)
    {
        var client = await ClientRules.OwnAsync(db, currentUser.Required, command.Id, cancellationToken);
        if (client.Kind != IntegrationClientKind.Confidential)
        {
            throw new RuleViolationException(nameof(command.Id), Messages.Clients_PublicHasNoSecret);
        }

        var now = clock.GetUtcNow();
        var until = now.AddHours(command.OverlapHours);
        var secret = ClientRules.NewSecret();
        await applications.RotateSecretAsync(client.ClientId, secret, until, cancellationToken);
        client.SecretRotated(now, until);
        return new ClientSecretRotated(client.Id, secret, until);
    }
}
