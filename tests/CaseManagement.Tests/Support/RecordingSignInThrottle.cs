using System.Collections.Concurrent;
using CaseManagement.Application.Common;

namespace CaseManagement.Tests.Support;

/// <summary>The host's sign-in throttle where there is no host: remembers which accounts were reset.</summary>
public sealed class RecordingSignInThrottle : ISignInThrottle
{
    public ConcurrentQueue<(string? UserName, Guid UserId)> Resets { get; } = new();

    public void Reset(string? userName, Guid userId) => Resets.Enqueue((userName, userId));
}
