using System.Collections;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseManagement.Application.Common;
using CaseManagement.Tests.Domain;
using CaseManagement.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Operations;

/// <summary>
/// ADR-022: the app's own telemetry pipeline, captured with the in-memory exporters behind it, while real requests
/// carry a person's names, address and identity number (in bodies, a query string and URLs with the person's id).
/// Requests, messages and EF commands are traced and message durations measured; no span name, tag, event, status,
/// metric name or metric tag holds any of those values, the person's id or the user's name.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly Captured<Activity> _spans = new();
    private readonly Captured<MetricSnapshot> _metrics = new();
    private readonly CaseWebFactory _factory = new();

    // Every request of this test continues this trace, so the spans of other test hosts in the process (the
    // listeners are process-wide) can be told apart; the privacy check below looks at all of them.
    private readonly ActivityTraceId _trace = ActivityTraceId.CreateRandom();

    public TelemetryTests()
    {
        _factory.TestServices = services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
        };
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Requests_messages_and_database_commands_are_recorded_without_any_data_of_the_person()
    {
        var given = UniqueWord();
        var family = UniqueWord();
        var address = UniqueWord() + " 12";
        var nin = TestIdentityNumbers.Unique(AdultBirthDate);
        var unknown = Guid.NewGuid();

        using var police = await ApiSession.BearerForAsync(_factory, "politi");
        police.DefaultRequestHeaders.Add("traceparent", $"00-{_trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var created = await police.PostAsJsonAsync("/api/v1/persons", new { givenName = given, familyName = family, dateOfBirth = "1990-05-17", nationalIdentityNumber = nin, address }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct));
        var id = body.RootElement.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/api/v1/persons/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/api/v1/persons?name={family}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await police.PostAsJsonAsync("/api/v1/persons/search", new { nationalIdentityNumber = nin }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync($"/api/v1/persons/{unknown}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await police.PostAsJsonAsync("/api/v1/persons", new { givenName = given, familyName = family, dateOfBirth = "1990-05-17", nationalIdentityNumber = "12345678901" }, Ct)).StatusCode);

        // A page, signed in with a cookie, with the person's id in the path and a name in the query string.
        using var browser = _factory.CreateHttpsClient();
        Assert.True(await ApiSession.LoginAsync(browser, "politi"));
        browser.DefaultRequestHeaders.Add("traceparent", $"00-{_trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        await browser.GetAsync($"/familier/grupper/{id}?sok={family}", Ct);

        Assert.True(_factory.Services.GetRequiredService<TracerProvider>().ForceFlush());
        Assert.True(_factory.Services.GetRequiredService<MeterProvider>().ForceFlush());
        var spans = _spans.Snapshot();
        var metrics = _metrics.Snapshot();
        var ours = spans.Where(s => s.TraceId == _trace).ToList();

        // Requests: named and tagged by the route template.
        Assert.Contains(ours, s => s.Source.Name == "Microsoft.AspNetCore" && s.DisplayName == "GET /api/v1/persons/{id:guid}"
            && Equals(s.GetTagItem("http.route"), "/api/v1/persons/{id:guid}") && Equals(s.GetTagItem("http.response.status_code"), 200));
        Assert.Contains(ours, s => s.Source.Name == "Microsoft.AspNetCore" && Equals(s.GetTagItem("http.route"), "/familier/grupper/{Id:guid}"));
        Assert.DoesNotContain(ours, s => s.GetTagItem("url.path") is not null || s.GetTagItem("url.query") is not null);

        // Messages: one span each, named by the message, with the outcome.
        static bool Message(Activity s, string name, string outcome) =>
            s.Source.Name == MessageTelemetry.Name && s.DisplayName == name
            && Equals(s.GetTagItem(MessageTelemetry.MessageTag), name) && Equals(s.GetTagItem(MessageTelemetry.OutcomeTag), outcome);
        var registered = Assert.Single(ours, s => Message(s, "RegisterPerson", "ok"));
        Assert.Contains(ours, s => Message(s, "GetPerson", "ok"));
        Assert.Contains(ours, s => Message(s, "GetPerson", "not-found"));
        Assert.Contains(ours, s => Message(s, "FindPersons", "ok"));
        Assert.Contains(ours, s => Message(s, "RegisterPerson", "invalid"));

        // EF commands: inside the message that sent them, with the database system and no SQL text.
        var commands = ours.Where(s => s.Source.Name.StartsWith("OpenTelemetry.Instrumentation.EntityFrameworkCore", StringComparison.Ordinal)).ToList();
        Assert.Contains(commands, s => s.ParentSpanId == registered.SpanId);
        Assert.All(commands, s => Assert.Equal("sqlite", s.GetTagItem("db.system.name") ?? s.GetTagItem("db.system")));
        Assert.DoesNotContain(spans, s => s.GetTagItem("db.query.text") is not null || s.GetTagItem("db.statement") is not null);

        // Metrics: message durations by message and outcome, request durations, the sealer's backlog.
        var durations = Assert.Single(metrics.Where(m => m.Name == MessageTelemetry.DurationName).TakeLast(1));
        Assert.Contains(durations.MetricPoints, p => HasTag(p, MessageTelemetry.MessageTag, "RegisterPerson") && HasTag(p, MessageTelemetry.OutcomeTag, "ok"));
        Assert.Contains(durations.MetricPoints, p => HasTag(p, MessageTelemetry.MessageTag, "GetPerson") && HasTag(p, MessageTelemetry.OutcomeTag, "not-found"));
        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
        Assert.Contains(metrics, m => m.Name == "casemanagement.audit.seal_lag");
        Assert.Contains(metrics, m => m.Name == "casemanagement.audit.unsealed");

        // Never a person's data, nor the user's name, anywhere (every captured span, not only this trace's).
        string[] secrets = [given, family, address, nin, id.ToString(), id.ToString("N"), unknown.ToString(), unknown.ToString("N"), "politi"];
        var texts = spans.SelectMany(TextsOf).Concat(metrics.SelectMany(TextsOf)).ToList();
        Assert.True(texts.Count > 100, "Too little was captured for the check to mean anything.");
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static bool HasTag(MetricPoint point, string key, string value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && Equals(tag.Value, value))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> TextsOf(Activity span)
    {
        IEnumerable<KeyValuePair<string, object?>> tags = [.. span.TagObjects, .. span.Events.SelectMany(e => e.Tags), .. span.Links.SelectMany(l => l.Tags ?? [])];
        return new[] { span.DisplayName, span.OperationName, span.StatusDescription ?? "" }
            .Concat(span.Events.Select(e => e.Name))
            .Concat(span.Baggage.SelectMany(b => new[] { b.Key, b.Value ?? "" }))
            .Concat(tags.SelectMany(t => new[] { t.Key, TextOf(t.Value) }));
    }

    private static IEnumerable<string> TextsOf(MetricSnapshot metric)
    {
        var texts = new List<string> { metric.Name, metric.Description, metric.Unit };
        foreach (var point in metric.MetricPoints)
        {
            foreach (var tag in point.Tags)
            {
                texts.Add(tag.Key);
                texts.Add(TextOf(tag.Value));
            }
        }

        return texts;
    }

    private static string TextOf(object? value) => value switch
    {
        null => "",
        string s => s,
        IEnumerable many => string.Join(",", many.Cast<object?>().Select(TextOf)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>The exporters add from the app's threads while the test reads.</summary>
    private sealed class Captured<T> : Collection<T>
    {
        private readonly Lock _gate = new();

        public List<T> Snapshot()
        {
            lock (_gate)
            {
                return [.. this];
            }
        }

        protected override void InsertItem(int index, T item)
        {
            lock (_gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
