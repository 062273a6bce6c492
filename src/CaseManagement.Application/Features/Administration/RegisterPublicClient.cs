using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Registers an app of the administrator's own agency that people sign in to: authorization code with PKCE (S256),
/// no secret, redirect only to the exact URIs given (ADR-029). The tokens are the signed-in person's, with their rights.
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record RegisterPublicClient(string? ClientId, string? DisplayName, IReadOnlyList<string>? RedirectUris) : ICommand<ClientChanged>;

internal sealed class RegisterPublicClientValidator : AbstractValidator<RegisterPublicClient>
{
    public RegisterPublicClientValidator()
    {
        RuleFor(x => x.ClientId).ClientId();
        RuleFor(x => x.DisplayName).ClientDisplayName();
        RuleFor(x => x.RedirectUris).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => Messages.Clients_RedirectUrisRequired)
            .Must(r => r!.Count > 0).WithMessage(_ => Messages.Clients_RedirectUrisRequired)
            .Must(r => r!.Count <= ClientRules.MaxRedirectUris).WithMessage(_ => Messages.Clients_RedirectUrisTooMany);
        RuleForEach(x => x.RedirectUris)
            .Must(v => ClientRules.RedirectUriProblem(v) is null).WithMessage((_, v) => ClientRules.RedirectUriProblem(v)!);
        // The same address twice is named on its second place.
        RuleFor(x => x.RedirectUris).Custom((uris, context) =>
        {
            var list = uris ?? [];
            for (var i = 1; i < list.Count; i++)
            {
                if (list.Take(i).Contains(list[i], StringComparer.Ordinal))
                {
                    context.AddFailure($"{nameof(RegisterPublicClient.RedirectUris)}[{i}]", Messages.Clients_RedirectUriDuplicate);
                }
            }
        });
    }
}

internal sealed class RegisterPublicClientHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, IClientApplications applications)
    : ICommandHandler<RegisterPublicClient, ClientChanged>
{
    public async ValueTask<ClientChanged> Handle(RegisterPublicClient command, CancellationToken cancellationToken)
    {
        var administrator = currentUser.Required;
        var clientId = command.ClientId!.Trim();
        await ClientRules.CheckClientIdIsFreeAsync(db, applications, clientId, cancellationToken);

        var displayName = TextRules.Clean(command.DisplayName)!;
        var redirectUris = command.RedirectUris!.Select(u => new Uri(u, UriKind.Absolute)).ToList();
        await applications.CreatePublicAsync(clientId, displayName, redirectUris, cancellationToken);

        var client = IntegrationClient.Public(Guid.CreateVersion7(), administrator.AgencyId, clientId, displayName, redirectUris, administrator.UserId, clock.GetUtcNow());
        db.IntegrationClients.Add(client);
        return new ClientChanged(client.Id);
    }
}
