using System.Globalization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CaseManagement.Web;

/// <summary>
/// Who is at the other end of a Blazor circuit, captured once when the circuit opens (the hub connection's request
/// is the only moment an HTTP context exists), so messages sent from the circuit carry the client's address and a
/// correlation id into the audit and the access log, as API requests do.
/// </summary>
public sealed class CircuitClient
{
    private long _sequence;

    public string? Address { get; internal set; }

    /// <summary>Our own id for the circuit: Blazor's circuit id is a secret that lets a client reconnect, never logged.</summary>
    public string CircuitId { get; } = Guid.CreateVersion7().ToString("N");

    /// <summary>One id per UI action: the circuit and a running number.</summary>
    public string NextCorrelationId() =>
        string.Create(CultureInfo.InvariantCulture, $"circuit-{CircuitId}-{Interlocked.Increment(ref _sequence)}");
}

internal sealed class CircuitClientHandler(CircuitClient client, IHttpContextAccessor accessor) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // Behind a proxy, the forwarded-headers middleware has already put the client's address here.
        client.Address = accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
        return Task.CompletedTask;
    }
}
