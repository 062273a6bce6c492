using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;

namespace CaseManagement.Application.Common;

/// <summary>
/// The user as the database knows them at the start of this message. A service account of an integration client
/// (ADR-029) holds exactly its <paramref name="NamedCapabilities"/> and nothing its roles may grant beyond them.
/// </summary>
public sealed record UserContext(
    Guid UserId,
    string DisplayName,
    Guid UnitId,
    Guid AgencyId,
    AgencyKind AgencyKind,
    IReadOnlySet<Role> Roles,
    IReadOnlySet<Capability>? NamedCapabilities = null)
{
    public bool Can(Capability capability) =>
        NamedCapabilities is { } named ? named.Contains(capability) : RoleCapabilities.Grants(Roles, capability);

    /// <summary>Every capability the user holds now.</summary>
    public IReadOnlySet<Capability> Capabilities =>
        NamedCapabilities ?? Roles.SelectMany(RoleCapabilities.Of).ToHashSet();
}
