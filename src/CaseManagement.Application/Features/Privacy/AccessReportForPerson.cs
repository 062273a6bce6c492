using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Privacy;

/// <summary>
/// "Innsyn i logg" (GDPR Art. 15, EU Court C-579/21, R24): who read this person's record, when and why, for the
/// privacy officer to hand to the person. Reads only the access log, the organisation and no case content.
/// <para>
/// Rules, on purpose:
/// <list type="bullet">
/// <item>No user names. C-579/21 gives the person a right to the time, the purpose and the recipients, not to the
/// names of the employees who acted for the controller; names are given only where the law requires it in the single
/// case, and that is decided by the privacy officer outside this report. Default: off.</item>
/// <item>Only a person of the officer's own agency (the data controller, ADR-006/ADR-018); another agency's person
/// answers "not found".</item>
/// <item>Entries made by users of another agency of kind <see cref="AgencyKind.Police"/> are left out: the police may
/// withhold under politiregisterloven (§ 49/§ 51 and the exceptions there), and the person must ask the police
/// district. The rule is on <see cref="Agency.Kind"/>, so every police district is covered, not one id. A police
/// district's own privacy officer sees its own entries and decides on withholding outside this report.</item>
/// <item>Refused attempts are left out: nothing was shown.</item>
/// </list>
/// </para>
/// </summary>
[Requires(Capability.ReviewAccess)]
public sealed record AccessReportForPerson(Guid PersonId, int PageNumber = 1, int PageSize = 100) : IQuery<Page<AccessReportRow>>, IPagedQuery;

/// <summary>One read of the person's data: when, which unit, the reader's role(s), why, what part of the record.</summary>
public sealed record AccessReportRow(DateTimeOffset OccurredAt, string UnitName, IReadOnlyList<string> Roles, AccessPurpose Purpose, string Section);

internal sealed class AccessReportForPersonValidator : AbstractValidator<AccessReportForPerson>
{
    public AccessReportForPersonValidator()
    {
        RuleFor(x => x.PersonId).NotEmpty();
        RuleFor(x => x.PageNumber).GreaterThanOrEqualTo(1).WithMessage(_ => Messages.Paging_PageNumber);
        RuleFor(x => x.PageSize).InclusiveBetween(1, Page<AccessReportRow>.MaxPageSize).WithMessage(_ => Messages.Paging_PageSize);
    }
}

internal sealed class AccessReportForPersonHandler(CaseDbContext db, CurrentUser currentUser, AccessLogger accessLogger) : IQueryHandler<AccessReportForPerson, Page<AccessReportRow>>
{
    public const string Section = "AccessReport";

    public async ValueTask<Page<AccessReportRow>> Handle(AccessReportForPerson query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        await OversightScope.RequireOwnPersonAsync(db, user, query.PersonId, cancellationToken);
        var ownAgency = user.AgencyId;
        var entries =
            from e in db.AccessLog.AsNoTracking()
            join unit in db.Units on e.UnitId equals unit.Id
            join agency in db.Agencies on e.AgencyId equals agency.Id
            where e.PersonId == query.PersonId
                  && e.Outcome == AccessOutcome.Granted
                  && (agency.Kind != AgencyKind.Police || agency.Id == ownAgency)
            select new { e.OccurredAt, e.Id, UnitName = unit.Name, e.Roles, e.Purpose, e.Section };

        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.OrderBy(x => x.OccurredAt).ThenBy(x => x.Id)
            .TakePage(query)
            .ToListAsync(cancellationToken);

        // The report is itself a read of the person's data (who looked at them): logged before it is returned (R20).
        await accessLogger.RecordAsync(new AccessRecord(query.PersonId, null, Section, AccessPurpose.NormalWork, ResultCount: rows.Count), cancellationToken);

        var items = rows
            .Select(r => new AccessReportRow(r.OccurredAt, r.UnitName, r.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), r.Purpose, r.Section))
            .ToList();
        return new Page<AccessReportRow>(items, query.PageNumber, query.PageSize, total);
    }
}
