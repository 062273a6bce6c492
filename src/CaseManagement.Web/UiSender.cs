using CaseManagement.Application.Common;
using Mediator;
using Microsoft.AspNetCore.Components.Authorization;

namespace CaseManagement.Web;

/// <summary>
/// How a Blazor component sends a command or query: in a fresh DI scope (a fresh DbContext per operation, never
/// one for the whole circuit), as the circuit's signed-in user. The message goes through the same pipeline as the
/// REST API: authorisation, validation, transaction and audit.
/// </summary>
public sealed class UiSender(IServiceScopeFactory scopes, AuthenticationStateProvider authentication, CircuitClient client)
{
    public async Task<T> Send<T>(ICommand<T> command, CancellationToken ct = default)
    {
        await using var scope = await ScopeAsync();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, ct);
    }

    public async Task<T> Send<T>(IQuery<T> query, CancellationToken ct = default)
    {
        await using var scope = await ScopeAsync();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, ct);
    }

    private async Task<AsyncServiceScope> ScopeAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var scope = scopes.CreateAsyncScope();
        var user = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        user.Set(state.User);
        user.ClientAddress = client.Address;
        user.CorrelationId = client.NextCorrelationId();
        return scope;
    }
}
