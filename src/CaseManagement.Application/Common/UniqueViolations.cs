using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Common;

/// <summary>
/// A command whose business rule is also a unique index (one plan per person). The handler checks first; when two
/// commands race past the check, the database refuses the second and the transaction behaviour answers with
/// <see cref="Duplicate"/> instead of a server error.
/// </summary>
public interface IUniqueRule
{
    RuleViolationException Duplicate();
}

/// <summary>
/// Recognises a unique-index violation by the provider's error code, never by its message (SQL Server translates its
/// messages into the server's language). Application references no database provider, so the provider-typed
/// recognition is Infrastructure's <c>UniqueViolations</c>, registered with the DbContext (ADR-024).
/// </summary>
public interface IUniqueViolations
{
    bool IsUniqueViolation(DbUpdateException exception);
}
