using CaseManagement.Domain.Access;

namespace CaseManagement.Application.Common;

/// <summary>
/// Declares the capability a message needs. Every command and query carries exactly one; an architecture test
/// fails the build for a message without it, and the authorisation behaviour refuses a message it cannot find
/// it on (deny by default).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RequiresAttribute(Capability capability) : Attribute
{
    public Capability Capability { get; } = capability;
}
