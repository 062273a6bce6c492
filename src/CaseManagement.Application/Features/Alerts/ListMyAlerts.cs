using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Alerts;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Alerts;

/// <summary>
/// The alerts addressed to the user, unhandled first. Another user's alerts are never listed, nor the user's own once
/// they no longer stand in them (<see cref="AlertScope"/>).
/// </summary>
[Requires(Capability.ReceiveAlerts)]
public sealed record ListMyAlerts(bool UnhandledOnly = false, int PageNumber = 1, int PageSize = 50) : IQuery<Page<AlertView>>, IPagedQuery;

/// <summary>How far one recipient has got: the recipients see each other's state, not each other's notes.</summary>
public sealed record AlertRecipientState(string DisplayName, DateTimeOffset? ReadAt, DateTimeOffset? HandledAt);

/// <summary>
/// One alert as its recipient sees it. No record content: the kind, who raised it, the least label, a link. The link
/// leads to the record only for a recipient who may read it; others (e.g. the police contact) stay on the alert.
/// </summary>
public sealed record AlertView(
    Guid Id,
    AlertKind Kind,
    Guid FollowUpId,
    Guid SubjectId,
    string SubjectLabel,
    string RaisedByName,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ReadAt,
    DateTimeOffset? HandledAt,
    string? HandlingNote,
    string? RecordLink,
    IReadOnlyList<AlertRecipientState> Recipients);

internal sealed class ListMyAlertsValidator : AbstractValidator<ListMyAlerts>
{
    public ListMyAlertsValidator() => this.AddPagingRules();
}

internal sealed class ListMyAlertsHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<ListMyAlerts, Page<AlertView>>
{
    public async ValueTask<Page<AlertView>> Handle(ListMyAlerts query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var mine = AlertScope.StandingRecipients(db, user, now).AsNoTracking();
        if (query.UnhandledOnly)
        {
            mine = mine.Where(r => r.HandledAt == null);
        }

        var rows =
            from r in mine
            join a in db.Alerts on r.AlertId equals a.Id
            join u in db.Users on a.RaisedByUserId equals u.Id
            join f in db.FollowUps on a.FollowUpId equals f.Id
            select new { r, a, RaisedByName = u.DisplayName, f.PersonId };
        var total = await rows.CountAsync(cancellationToken);
        // Unhandled first, newest first within each; sorted on the client because SQLite cannot order by time offsets.
        var all = await rows.ToListAsync(cancellationToken);
        var page = all
            .OrderBy(x => x.r.HandledAt is null ? 0 : 1).ThenByDescending(x => x.a.RaisedAt).ThenBy(x => x.a.Id)
            .TakePage(query)
            .ToList();

        var alertIds = page.Select(x => x.a.Id).ToList();
        var states = await (
                from r in db.AlertRecipients.AsNoTracking()
                join u in db.Users on r.UserId equals u.Id
                where alertIds.Contains(r.AlertId)
                select new { r.AlertId, u.DisplayName, r.ReadAt, r.HandledAt })
            .ToListAsync(cancellationToken);

        var items = new List<AlertView>(page.Count);
        foreach (var x in page)
        {
            // The record itself only for a recipient who may read the mentor programme of that follow-up.
            var grant = await AccessDecision.DecideAsync(db, user, x.a.FollowUpId, now, cancellationToken);
            var link = grant is not null && grant.Covers(RecordKinds.MentorProgramme) ? AlertLinks.Record(x.a) : null;
            items.Add(new AlertView(
                x.a.Id, x.a.Kind, x.a.FollowUpId, x.a.SubjectId, x.a.SubjectLabel, x.RaisedByName, x.a.RaisedAt, x.r.ReadAt, x.r.HandledAt, x.r.HandlingNote, link,
                states.Where(s => s.AlertId == x.a.Id).OrderBy(s => s.DisplayName, StringComparer.Ordinal)
                    .Select(s => new AlertRecipientState(s.DisplayName, s.ReadAt, s.HandledAt)).ToList()));
        }

        await accessLog.RecordAsync(page.Select(x => new AccessRecord(x.PersonId, x.a.FollowUpId, "Alert", AccessPurpose.NormalWork)).ToList(), cancellationToken);
        return new Page<AlertView>(items, query.PageNumber, query.PageSize, total);
    }
}

/// <summary>Local page addresses of the records alerts are about (ids only).</summary>
public static class AlertLinks
{
    public const string AlertsPage = "/varsler";

    public static string Record(Alert alert) => alert.Kind switch
    {
        AlertKind.MentorEscalation => FormattableString.Invariant($"/mentorprogram/oppdrag/{alert.FollowUpId}/{alert.SubjectId}"),
    };

    public static string ToAlert(Guid alertId) => FormattableString.Invariant($"{AlertsPage}#alert-{alertId}");
}
