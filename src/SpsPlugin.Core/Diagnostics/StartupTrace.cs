using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace SpsPlugin;

/// <summary>
/// Stopwatch spans of the work a fresh session pays once (the interpreter search, each probe, each
/// Python run, each bundle's rules), appended to the file <c>SPSPLUGIN_TRACE_STARTUP</c> names, so a
/// slow first call can be taken apart without a profiler; tools/Bench.ps1 prints them as the startup
/// breakdown. A file rather than standard error: Core never talks to a console. Off, a span costs one
/// static read: the variable is read once per process.
/// </summary>
internal static class StartupTrace
{
    /// <summary>The environment variable that names the file the spans go to.</summary>
    public const string EnvironmentVariable = "SPSPLUGIN_TRACE_STARTUP";

    private static readonly string? TraceFile = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path ? path : null;

    private static readonly object Gate = new();

    /// <summary>A span named <paramref name="name"/>, written when disposed; null (nothing to dispose) when tracing is off.</summary>
    public static IDisposable? Span(string name) => TraceFile == null ? null : new Timed(name);

    private sealed class Timed : IDisposable
    {
        private readonly string name;
        private readonly Stopwatch watch = Stopwatch.StartNew();

        public Timed(string name) => this.name = name;

        // One line per span, "<name> <ms>", parsed by tools/Bench.ps1; the name never holds a path or a
        // value, so nothing of the user's is written. A trace that cannot be written is dropped: it must
        // never fail the work it measures.
        public void Dispose()
        {
            var line = Encoding.UTF8.GetBytes(name + " " + watch.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture) + "\n");
            try
            {
                lock (Gate)
                {
                    using var file = new FileStream(TraceFile!, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                    file.Write(line, 0, line.Length);
                }
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is ArgumentException || error is NotSupportedException)
            {
                // Tracing is a diagnostic: the measured call goes on.
            }
        }
    }
}
