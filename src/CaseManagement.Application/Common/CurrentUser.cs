using System.Security.Claims;

namespace CaseManagement.Application.Common;

/// <summary>
/// Who sends the messages in this scope. The host sets the principal (HTTP request, Blazor circuit, test);
/// only the user id is taken from it. Roles, unit and active state are read from the database for every message
/// by the authorisation behaviour, so a disabled user or a changed role takes effect on the next operation.
/// </summary>
public sealed class CurrentUser
{
    public ClaimsPrincipal Principal { get; private set; } = new(new ClaimsIdentity());

    /// <summary>Set by the authorisation behaviour after it has checked the user against the database.</summary>
    public UserContext? Context { get; internal set; }

    public Guid? UserId =>
        Principal.Identity?.IsAuthenticated == true &&
        Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? Principal.FindFirstValue("sub"), out var id)
            ? id
            : null;

    /// <summary>The message being handled (set by the first behaviour), for the audit.</summary>
    public string? MessageName { get; internal set; }

    /// <summary>Ties the audit and the logs of one request or one UI action together.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>The client's address as the host saw it, for the audit and the access log.</summary>
    public string? ClientAddress { get; set; }

    /// <summary>Set while a message runs under an emergency grant, so the audit event carries it.</summary>
    public Guid? EmergencyAccessId { get; set; }

    public void Set(ClaimsPrincipal principal) => Principal = principal;

    /// <summary>
    /// The host itself, running a scheduled job (ADR-030): no user, no roles. It may send only messages that declare
    /// <see cref="Domain.Access.Capability.RunScheduledJobs"/>, which no role grants; the audit records the message with no user.
    /// </summary>
    public bool IsSystem { get; private set; }

    /// <summary>Makes this scope's sender the system actor (a background job's own scope only).</summary>
    public void SetSystem()
    {
        Principal = new ClaimsPrincipal(new ClaimsIdentity());
        IsSystem = true;
    }

    /// <summary>The checked user of the current message; only valid inside a handler.</summary>
    public UserContext Required => Context ?? throw new UnauthenticatedException();
}
