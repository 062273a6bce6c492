using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

[assembly: AssemblyFixture(typeof(CaseManagement.Tests.Support.RunLog))]

namespace CaseManagement.Tests.Support;

/// <summary>
/// R21 over the whole test run: every test host (the harness, the web app, bUnit's services) logs into this one
/// provider as well as its own. Tests <see cref="Plant"/> the values that must never reach a log (identity numbers,
/// note texts, passwords, tokens, cookies); every line logged after a value was planted, and the recent lines before
/// it (a token is logged, if at all, while it is issued, just before the test sees it), are checked against it.
/// Lines are not all kept: the run logs far too much for that. As an assembly fixture, the run ends by failing if
/// any planted value was ever seen.
/// </summary>
public sealed class RunLog : IAsyncDisposable
{
    private const int RecentLines = 20_000;

    private static readonly ConcurrentDictionary<string, string> Planted = new(StringComparer.Ordinal);
    private static readonly ConcurrentQueue<string> Recent = new();
    private static readonly ConcurrentQueue<string> Hits = new();
    private static long _lines;

    public static ILoggerProvider Provider { get; } = new RunLogProvider();

    /// <summary>Lines captured so far in the run, by every host.</summary>
    public static long LineCount => Interlocked.Read(ref _lines);

    /// <summary>Registers a value that must not appear in any log line of the run, under a label for the report.</summary>
    public static void Plant(string value, string label)
    {
        if (string.IsNullOrEmpty(value) || value.Length < 6)
        {
            throw new ArgumentException("A planted value must be distinctive (six characters or more).", nameof(value));
        }

        if (Planted.TryAdd(value, label))
        {
            foreach (var line in Recent)
            {
                Check(line, value, label);
            }
        }
    }

    /// <summary>The lines that held a planted value whose label starts with <paramref name="labelPrefix"/>.</summary>
    public static IReadOnlyList<string> HitsFor(string labelPrefix) =>
        Hits.Where(h => h.StartsWith("[" + labelPrefix, StringComparison.Ordinal)).ToList();

    public ValueTask DisposeAsync()
    {
        if (!Hits.IsEmpty)
        {
            throw new InvalidOperationException(
                $"R21: {Hits.Count} log line(s) in this run held a planted secret:\n" + string.Join("\n", Hits.Take(20)));
        }

        return ValueTask.CompletedTask;
    }

    private static void Write(string line)
    {
        Interlocked.Increment(ref _lines);
        Recent.Enqueue(line);
        while (Recent.Count > RecentLines && Recent.TryDequeue(out _))
        {
        }

        foreach (var (value, label) in Planted)
        {
            Check(line, value, label);
        }
    }

    private static void Check(string line, string value, string label)
    {
        if (line.Contains(value, StringComparison.OrdinalIgnoreCase))
        {
            // The report names the kind of secret, never the secret itself.
            Hits.Enqueue($"[{label}] " + line.Replace(value, "<" + label + ">", StringComparison.OrdinalIgnoreCase));
        }
    }

    private sealed class RunLogProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new RunLogger(categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class RunLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Write($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}
