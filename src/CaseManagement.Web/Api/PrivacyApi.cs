using System.Globalization;
using System.Text;
using CaseManagement.Application.Common;
using CaseManagement.Application.Features.Privacy;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Api;

/// <summary>
/// /api/v1/privacy: the privacy officer's access report for a person (GDPR Art. 15) as JSON and CSV, the
/// risk-based review queue, marking an emergency access as reviewed, the audit search and a person's change history. The pipeline refuses every other role
/// (Capability.ReviewAccess).
/// </summary>
public static class PrivacyApi
{
    /// <summary>A bound on one export: 100 pages of 100 rows.</summary>
    public const int MaxExportPages = 100;

    private static readonly TimeZoneInfo Oslo = CaseManagement.Application.Common.OsloTime.Zone;

    public static RouteGroupBuilder MapPrivacyApi(this RouteGroupBuilder api)
    {
        var privacy = api.MapGroup("/privacy").WithTags("Privacy");

        privacy.MapGet("/persons/{id:guid}/access-report", async (Guid id, [FromQuery] int? page, [FromQuery] int? pageSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new AccessReportForPerson(id, page ?? 1, pageSize ?? 100), ct)))
            .WithName("AccessReportForPerson");

        privacy.MapGet("/persons/{id:guid}/access-report.csv", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                var csv = await AccessReportCsvAsync(mediator, id, ct);
                var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
                return TypedResults.File(bytes, "text/csv; charset=utf-8", $"innsyn-logg-{id:N}.csv");
            })
            .WithName("AccessReportForPersonCsv");

        privacy.MapGet("/review-queue", async ([FromQuery] DateTimeOffset from, [FromQuery] DateTimeOffset to, [FromQuery] int? page, [FromQuery] int? pageSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new AccessReviewQueue(from, to, page ?? 1, pageSize ?? 100), ct)))
            .WithName("AccessReviewQueue");

        privacy.MapGet("/audit", async ([FromQuery] Guid? personId, [FromQuery] Guid? userId, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to,
                    [FromQuery] string? entityType, [FromQuery] int? page, [FromQuery] int? pageSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new SearchAudit(personId, userId, from, to, entityType, page ?? 1, pageSize ?? 50), ct)))
            .WithName("SearchAudit");

        privacy.MapGet("/audit/verify", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new VerifyAuditChains(), ct)))
            .WithName("VerifyAuditChains");

        privacy.MapGet("/persons/{id:guid}/change-history", async (Guid id, [FromQuery] int? page, [FromQuery] int? pageSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ChangeHistoryForPerson(id, page ?? 1, pageSize ?? 100), ct)))
            .WithName("ChangeHistoryForPerson");

        privacy.MapPost("/emergency-accesses/{id:guid}/review", async (Guid id, [FromBody] ReviewBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new MarkAccessReviewed(id, body.Note), ct)))
            .WithName("MarkAccessReviewed");
        return api;
    }

    /// <summary>The whole report as CSV (RFC 4180, formula cells neutralised), times in Oslo local time.</summary>
    public static async Task<string> AccessReportCsvAsync(IMediator mediator, Guid personId, CancellationToken ct)
    {
        var csv = new StringBuilder(CsvCells.Row(["Tidspunkt", "Enhet", "Rolle(r)", "Formål", "Del av journalen"]));
        for (var pageNumber = 1; pageNumber <= MaxExportPages; pageNumber++)
        {
            var page = await mediator.Send(new AccessReportForPerson(personId, pageNumber, Page<AccessReportRow>.MaxPageSize), ct);
            foreach (var row in page.Items)
            {
                var local = TimeZoneInfo.ConvertTime(row.OccurredAt, Oslo);
                csv.Append(CsvCells.Row([
                    local.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
                    row.UnitName,
                    string.Join(", ", row.Roles),
                    row.Purpose.ToString(),
                    row.Section,
                ]));
            }

            if (pageNumber >= page.PageCount)
            {
                break;
            }
        }

        return csv.ToString();
    }
}

public sealed record ReviewBody(string Note);
