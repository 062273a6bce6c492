namespace CaseManagement.Application.Common;

/// <summary>
/// Confirms a fresh second factor for the current user (step-up). A boundary: the identity system that owns the
/// authenticator keys lives in the host, not in the use cases.
/// </summary>
public interface IStepUpVerifier
{
    Task<bool> VerifyAsync(Guid userId, string code, CancellationToken cancellationToken);
}
