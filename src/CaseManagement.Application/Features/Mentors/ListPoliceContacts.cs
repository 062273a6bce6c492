using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>The police's radicalisation contacts, for the coordinator to name an assignment's police contact. No case data.</summary>
[Requires(Capability.ManageMentorProgramme)]
public sealed record ListPoliceContacts : IQuery<IReadOnlyList<PoliceContact>>;

public sealed record PoliceContact(Guid UserId, string DisplayName, string UnitName);

internal sealed class ListPoliceContactsHandler(CaseDbContext db) : IQueryHandler<ListPoliceContacts, IReadOnlyList<PoliceContact>>
{
    public async ValueTask<IReadOnlyList<PoliceContact>> Handle(ListPoliceContacts query, CancellationToken cancellationToken)
    {
        var roleName = nameof(Role.RadicalisationContact);
        var rows = await (
                from u in db.Users
                join unit in db.Units on u.UnitId equals unit.Id
                join agency in db.Agencies on unit.AgencyId equals agency.Id
                where agency.Kind == AgencyKind.Police && !u.IsDisabled
                    && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == roleName))
                select new PoliceContact(u.Id, u.DisplayName, unit.Name))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.DisplayName, StringComparer.CurrentCulture).ToList();
    }
}
