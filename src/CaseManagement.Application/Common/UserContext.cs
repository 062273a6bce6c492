using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;

namespace CaseManagement.Application.Common;

/// <summary>The user as the database knows them at the start of this message.</summary>
public sealed record UserContext(
    Guid UserId,
    string DisplayName,
    Guid UnitId,
    Guid AgencyId,
    AgencyKind AgencyKind,
    IReadOnlySet<Role> Roles)
{
    public bool Can(Capability capability) => RoleCapabilities.Grants(Roles, capability);
}
