using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CaseManagement.Web.Operations;

/// <summary>
/// OpenTelemetry traces and metrics (ADR-022): HTTP requests, mediator messages, EF Core commands and the sealer's
/// backlog, exported over OTLP only when <c>OpenTelemetry:OtlpEndpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set. Every span passes <see cref="PrivacyProcessor"/> before any exporter sees it.
/// </summary>
public static class Telemetry
{
    public const string AuditMeterName = "CaseManagement.Audit";

    public static IServiceCollection AddCaseTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["OpenTelemetry:OtlpEndpoint"] is { Length: > 0 } configured
            ? Uri.TryCreate(configured, UriKind.Absolute, out var uri) ? uri : throw new InvalidOperationException("OpenTelemetry:OtlpEndpoint must be an absolute URI, e.g. http://collector:4317.")
            : null;
        // Without either, nothing leaves the process: spans and measurements are made and dropped.
        var export = endpoint is not null || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        services.AddSingleton<SealerBacklogGauges>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                configuration["OpenTelemetry:ServiceName"] ?? "oppfolging",
                serviceInstanceId: configuration["OpenTelemetry:ServiceInstanceId"] ?? Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(MessageTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                    // SQL text and parameter values (OTEL_DOTNET_EXPERIMENTAL_EFCORE_ENABLE_TRACE_DB_QUERY_PARAMETERS) are
                    // dropped by the processor below, whatever the instrumentation is told.
                    .AddEntityFrameworkCoreInstrumentation()
                    // Processors run in the order added: this one before every exporter, the tests' included.
                    .AddProcessor(new PrivacyProcessor());
                if (export)
                {
                    tracing.AddOtlpExporter(o => UseEndpoint(o, endpoint));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MessageTelemetry.Name, AuditMeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddInstrumentation(sp => sp.GetRequiredService<SealerBacklogGauges>());
                if (export)
                {
                    metrics.AddOtlpExporter(o => UseEndpoint(o, endpoint));
                }
            });
        return services;
    }

    // Only when configured: setting the endpoint at all stops the exporter from adding /v1/traces or /v1/metrics to an
    // http/protobuf base address taken from OTEL_EXPORTER_OTLP_ENDPOINT.
    private static void UseEndpoint(OpenTelemetry.Exporter.OtlpExporterOptions options, Uri? endpoint)
    {
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }
    }
}

/// <summary>
/// Keeps only the span tags that are known to name things, not people: method, route template, status, scheme,
/// server, database system and query summary, error type, and our message name and outcome. Everything else goes,
/// including <c>url.path</c> (it holds the ids of persons), <c>url.query</c>, <c>client.address</c>,
/// <c>user_agent.original</c> and <c>db.query.text</c>; a new tag of a newer instrumentation stays out until it is
/// added here. The status description goes too: it is an exception's message.
/// </summary>
internal sealed class PrivacyProcessor : BaseProcessor<Activity>
{
    private static readonly FrozenSet<string> Allowed = new[]
    {
        "http.request.method", "http.response.status_code", "http.route", "url.scheme", "network.protocol.version",
        "server.address", "server.port", "error.type",
        "db.system", "db.system.name", "db.namespace", "db.name", "db.operation.name", "db.collection.name", "db.query.summary",
        "db.response.status_code",
        MessageTelemetry.MessageTag, MessageTelemetry.OutcomeTag,
    }.ToFrozenSet(StringComparer.Ordinal);

    public override void OnEnd(Activity data)
    {
        foreach (var tag in data.TagObjects.Where(t => !Allowed.Contains(t.Key)).ToList())
        {
            data.SetTag(tag.Key, null);
        }

        if (data.StatusDescription is not null)
        {
            data.SetStatus(data.Status);
        }
    }
}

/// <summary>
/// The sealer's backlog as two gauges: how long the oldest unsealed audit record has waited (seconds, as the readiness
/// check computes it) and how many wait. Read from the database only when a reader collects, i.e. with an exporter,
/// once per export interval; every instance reports the same database-wide figures.
/// </summary>
internal sealed class SealerBacklogGauges : IDisposable
{
    private readonly Meter _meter;

    public SealerBacklogGauges(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock)
    {
        _meter = meters.Create(Telemetry.AuditMeterName);
        _meter.CreateObservableGauge(
            "casemanagement.audit.seal_lag",
            () => Read(scopes, async (db, ct) => (await ReadinessCheck.SealerLagAsync(db, clock, ct)).TotalSeconds),
            "s",
            "How long the oldest audit event or access-log entry has waited for its seal.");
        _meter.CreateObservableGauge(
            "casemanagement.audit.unsealed",
            () => Read(scopes, async (db, ct) =>
                await db.AuditEvents.CountAsync(e => !db.AuditEventSeals.Any(s => s.RecordId == e.Id), ct)
                + await db.AccessLog.CountAsync(e => !db.AccessLogSeals.Any(s => s.RecordId == e.Id), ct)),
            "{record}",
            "How many audit events and access-log entries wait for their seal.");
    }

    public void Dispose() => _meter.Dispose();

    // The collector calls on its own thread and waits for the answer; a database that does not answer in time gives
    // no value this round (and /health/ready reports it).
    private static IEnumerable<Measurement<T>> Read<T>(IServiceScopeFactory scopes, Func<CaseDbContext, CancellationToken, Task<T>> query)
        where T : struct
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var scope = scopes.CreateScope();
            var value = query(scope.ServiceProvider.GetRequiredService<CaseDbContext>(), timeout.Token).GetAwaiter().GetResult();
            return [new Measurement<T>(value)];
        }
        catch (Exception)
        {
            // Whatever the database did, the other metrics are still exported.
            return [];
        }
    }
}
