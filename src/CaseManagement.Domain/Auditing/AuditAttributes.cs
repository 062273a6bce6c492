namespace CaseManagement.Domain.Auditing;

/// <summary>A field whose old and new values are stored encrypted in the change audit (identity numbers, notes).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SensitiveAttribute : Attribute;

/// <summary>A field that is never written to the change audit at all (secrets: hashes, stamps, keys).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;
