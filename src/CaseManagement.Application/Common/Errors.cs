namespace CaseManagement.Application.Common;

/// <summary>The record does not exist, or the user may not know that it exists. Both answer 404.</summary>
public sealed class NotFoundException(string recordKind) : Exception($"{recordKind} not found.")
{
    public string RecordKind { get; } = recordKind;
}

/// <summary>The user is signed in but their roles do not grant the capability the message needs (403).</summary>
public sealed class ForbiddenException(string messageName) : Exception($"Not allowed: {messageName}.")
{
    public string MessageName { get; } = messageName;
}

/// <summary>No signed-in, active user (401).</summary>
public sealed class UnauthenticatedException() : Exception("Authentication required.");

/// <summary>Someone else changed the record since it was read (409). Nothing was written.</summary>
public sealed class ConcurrencyConflictException(string recordKind) : Exception($"{recordKind} was changed by someone else.")
{
    public string RecordKind { get; } = recordKind;
}

/// <summary>A rule about the record's state refused the change (400/409 with the field named).</summary>
public sealed class RuleViolationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
