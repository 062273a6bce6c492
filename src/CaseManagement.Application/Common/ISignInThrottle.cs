namespace CaseManagement.Application.Common;

/// <summary>
/// The sign-in throttling of the host (R9), which an administrator's unlock clears together with the lockout. A
/// boundary: the throttle watches the sign-in requests, which the use cases never see.
/// </summary>
public interface ISignInThrottle
{
    /// <summary>Forgets the throttling windows of one user name and one account.</summary>
    void Reset(string? userName, Guid userId);
}
