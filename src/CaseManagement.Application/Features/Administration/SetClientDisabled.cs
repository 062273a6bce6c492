using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Disables (or enables again) a client of the own agency. A disabled client gets no token, and the tokens it holds
/// stop at their next use: the token endpoint and the API's token validation both ask this row (ADR-029).
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record SetClientDisabled(Guid Id, bool Disabled) : ICommand<ClientChanged>;

internal sealed class SetClientDisabledValidator : AbstractValidator<SetClientDisabled>
{
    public SetClientDisabledValidator() => RuleFor(x => x.Id).NotEmpty();
}

internal sealed class SetClientDisabledHandler(CaseDbContext db, CurrentUser currentUser) : ICommandHandler<SetClientDisabled, ClientChanged>
{
    public async ValueTask<ClientChanged> Handle(SetClientDisabled command, CancellationToken cancellationToken)
    {
        var client = await ClientRules.OwnAsync(db, currentUser.Required, command.Id, cancellationToken);
        client.SetDisabled(command.Disabled);
        if (client.ServiceAccountUserId is { } accountId)
        {
            // A new stamp ends the service account's tokens at once, as for a person (RejectStaleAccessTokens).
            var account = await db.Users.SingleAsync(u => u.Id == accountId, cancellationToken);
            account.SecurityStamp = Guid.NewGuid().ToString("N");
        }

        return new ClientChanged(client.Id);
    }
}
