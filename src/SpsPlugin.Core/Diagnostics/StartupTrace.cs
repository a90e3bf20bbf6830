using System;
using System.Diagnostics;

namespace SpsPlugin;

/// <summary>
/// Stopwatch spans of the work a fresh session pays once (the interpreter search, the first Python run,
/// the first validation), written to standard error when <c>SPSPLUGIN_TRACE_STARTUP=1</c> so a slow
/// first call can be taken apart without a profiler; tools/Bench.ps1 prints them as the startup
/// breakdown. Off, a span costs one static read: the variable is read once per process.
/// </summary>
internal static class StartupTrace
{
    /// <summary>The environment variable that turns the spans on.</summary>
    public const string EnvironmentVariable = "SPSPLUGIN_TRACE_STARTUP";

    /// <summary>The prefix of every line written, so a reader can pick the spans out of other error output.</summary>
    public const string LinePrefix = "SPSPLUGIN_TRACE";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    /// <summary>A span named <paramref name="name"/>, written when disposed; null (nothing to dispose) when tracing is off.</summary>
    public static IDisposable? Span(string name) => Enabled ? new Timed(name) : null;

    private sealed class Timed : IDisposable
    {
        private readonly string name;
        private readonly Stopwatch watch = Stopwatch.StartNew();

        public Timed(string name) => this.name = name;

        // One line per span, "SPSPLUGIN_TRACE <name> <ms>", parsed by tools/Bench.ps1; the name never
        // holds a path or a value, so nothing of the user's is echoed.
        public void Dispose() => Console.Error.WriteLine($"{LinePrefix} {name} {watch.Elapsed.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)}");
    }
}
