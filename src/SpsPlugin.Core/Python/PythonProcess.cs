using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SpsPlugin;

/// <summary>What a Python run gave back.</summary>
internal sealed class PythonRunResult
{
    public PythonRunResult(int exitCode, string stdout, string stderr, bool stdoutTruncated, bool stderrTruncated, bool timedOut, bool cancelled, TimeSpan duration, string runId)
    {
        RunId = runId;
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
        StdoutTruncated = stdoutTruncated;
        StderrTruncated = stderrTruncated;
        TimedOut = timedOut;
        Cancelled = cancelled;
        Duration = duration;
    }

    public int ExitCode { get; }

    public string Stdout { get; }

    public string Stderr { get; }

    public bool StdoutTruncated { get; }

    public bool StderrTruncated { get; }

    public bool TimedOut { get; }

    public bool Cancelled { get; }

    public TimeSpan Duration { get; }

    /// <summary>The run's id, which every process it started carries as SPSPLUGIN_RUN_ID (see <see cref="ProcessReaper"/>).</summary>
    public string RunId { get; }
}

/// <summary>
/// Runs one Python process: arguments, a minimal environment (<see cref="PythonEnvironment"/>) plus
/// what the caller adds, text on stdin (then closed, so a reader gets end of file), output captured
/// up to a cap (the rest is drained and dropped, so a chatty child never blocks), and a deadline or a
/// cancellation that kills every process of the run. Reading the output is bounded too: a process the
/// child left behind may hold the pipes open, so after the child ends the reads get a short grace,
/// then the run's leftovers are killed, then what was read is kept. Scripts go on the command line
/// (-c), never through a file another user could plant.
/// </summary>
internal static class PythonProcess
{
    /// <summary>The most characters kept of stdout and of stderr.</summary>
    public const int OutputCap = 1024 * 1024;

    /// <summary>How long the output may stay open after the process ended or was killed.</summary>
    private static readonly TimeSpan StreamGrace = TimeSpan.FromMilliseconds(300);

    /// <summary>Runs <paramref name="script"/> (Python source) with -I -S and <paramref name="stdin"/> as its input; a cancellation kills it as a timeout does.</summary>
    public static PythonRunResult Run(string python, string script, string stdin, TimeSpan timeout, CancellationToken cancellation = default) =>
        Run(python, new[] { "-I", "-S", "-c", script }, null, stdin, timeout, cancellation);

    /// <summary>
    /// Runs <paramref name="python"/> with <paramref name="arguments"/>, in <paramref name="workingDirectory"/> (null: the current one);
    /// <paramref name="onLine"/>, when given, gets each line of stdout and stderr as it comes (on a reader's thread).
    /// </summary>
    public static PythonRunResult Run(string python, IReadOnlyList<string> arguments, IDictionary<string, string>? environment,
        string stdin, TimeSpan timeout, CancellationToken cancellation, string? workingDirectory = null, Action<string>? onLine = null) =>
        Run(python, arguments, environment, stdin, timeout, cancellation, workingDirectory, onLine, RunContainment.For);

    /// <summary>The run with the way its processes are killed given, so tests can take the platform's tree kill away.</summary>
    internal static PythonRunResult Run(string python, IReadOnlyList<string> arguments, IDictionary<string, string>? environment,
        string stdin, TimeSpan timeout, CancellationToken cancellation, string? workingDirectory, Action<string>? onLine,
        Func<Process, string, RunContainment> contain)
    {
        var runId = Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo(python)
        {
            Arguments = CommandLineQuoting.Join(ToArray(arguments)),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        start.Environment.Clear();
        foreach (var pair in PythonEnvironment.Minimal())
        {
            start.Environment[pair.Key] = pair.Value;
        }
        foreach (var pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }
        start.Environment[ProcessReaper.MarkerVariable] = runId;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{python}'.");
        using var containment = contain(process, runId);
        var stdout = new OutputCapture(process.StandardOutput, onLine);
        var stderr = new OutputCapture(process.StandardError, onLine);
        var writer = OnOwnThread(() =>
        {
            try
            {
                using var input = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false));
                input.Write(stdin);
            }
            catch (Exception error) when (error is IOException || error is ObjectDisposedException)
            {
                // The process ended before reading everything; its exit code tells the rest.
            }
        });
        var timedOut = false;
        var cancelled = false;
        var deadline = DateTime.UtcNow + timeout;
        while (!process.WaitForExit(50))
        {
            if (cancellation.IsCancellationRequested || DateTime.UtcNow >= deadline)
            {
                cancelled = cancellation.IsCancellationRequested;
                timedOut = !cancelled;
                containment.KillAll();
                break;
            }
        }
        // Every wait from here on is bounded: a process the kill missed may hold the pipes for ever, and
        // then its readers are abandoned (on their own threads) with what they read.
        process.WaitForExit((int)StreamGrace.TotalMilliseconds * 10);
        var streams = Task.WhenAll(stdout.Completion, stderr.Completion, writer);
        if (!streams.Wait(StreamGrace))
        {
            // Something the run started still holds a pipe: SPS would not let it live either.
            containment.KillLeftovers();
            streams.Wait(StreamGrace);
        }
        var exitCode = timedOut || cancelled || !process.HasExited ? -1 : process.ExitCode;
        var (outText, outCut) = stdout.Snapshot();
        var (errText, errCut) = stderr.Snapshot();
        return new PythonRunResult(exitCode, outText, errText, outCut, errCut, timedOut, cancelled, watch.Elapsed, runId);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a thread of its own. The pipe readers and the stdin writer must not
    /// wait for a pool thread: when callers block pool threads (sync-over-async HTTP, parallel tests), a
    /// queued reader started after the short grace period and a finished run came back with no output.
    /// </summary>
    private static Task OnOwnThread(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// Reads a stream to its end, keeping the first <see cref="OutputCap"/> characters; what was read is
    /// there at any time. Each complete line also goes to the line callback, when there is one.
    /// </summary>
    private sealed class OutputCapture
    {
        private readonly StringBuilder _kept = new();
        private readonly StringBuilder _line = new();
        private readonly Action<string>? _onLine;
        private bool _truncated;

        public OutputCapture(StreamReader reader, Action<string>? onLine)
        {
            _onLine = onLine;
            Completion = OnOwnThread(() => Read(reader));
        }

        public Task Completion { get; }

        public (string Text, bool Truncated) Snapshot()
        {
            lock (_kept)
            {
                return (_kept.ToString(), _truncated);
            }
        }

        private void Read(StreamReader reader)
        {
            var buffer = new char[8192];
            try
            {
                int read;
                while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
                {
                    lock (_kept)
                    {
                        var room = OutputCap - _kept.Length;
                        if (room > 0)
                        {
                            _kept.Append(buffer, 0, Math.Min(room, read));
                        }
                        _truncated |= read > room;
                    }
                    PassLines(buffer, read);
                }
                if (_line.Length > 0)
                {
                    _onLine?.Invoke(_line.ToString());
                }
            }
            catch (Exception error) when (error is IOException || error is ObjectDisposedException || error is InvalidOperationException)
            {
                // The process object was disposed while a leftover still held the pipe; what was read is kept.
            }
        }

        private void PassLines(char[] buffer, int count)
        {
            if (_onLine == null)
            {
                return;
            }
            for (var i = 0; i < count; i++)
            {
                if (buffer[i] == '\n')
                {
                    _onLine(_line.ToString().TrimEnd('\r'));
                    _line.Clear();
                }
                else if (_line.Length < OutputCap)
                {
                    _line.Append(buffer[i]);
                }
            }
        }
    }

    private static string[] ToArray(IReadOnlyList<string> items)
    {
        var array = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            array[i] = items[i];
        }
        return array;
    }
}
