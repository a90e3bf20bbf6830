using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SpsPlugin;

/// <summary>What a Python run gave back.</summary>
internal sealed class PythonRunResult
{
    public PythonRunResult(int exitCode, string stdout, string stderr, bool stdoutTruncated, bool stderrTruncated, bool timedOut, bool cancelled, TimeSpan duration)
    {
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
}

/// <summary>
/// Runs one Python process: arguments, extra environment, text on stdin (then closed, so a reader
/// gets end of file), output captured up to a cap (the rest is drained and dropped, so a chatty child
/// never blocks), and a deadline or a cancellation that kills the whole process tree.
/// </summary>
internal static class PythonProcess
{
    /// <summary>The most characters kept of stdout and of stderr.</summary>
    public const int OutputCap = 1024 * 1024;

    private static readonly MethodInfo? KillTree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });

    private static readonly Dictionary<string, string> ScriptFiles = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="script"/> (Python source) with -I -S and <paramref name="stdin"/> as its input.</summary>
    public static PythonRunResult Run(string python, string script, string stdin, TimeSpan timeout) =>
        Run(python, new[] { "-I", "-S", ScriptFile(script) }, null, stdin, timeout, CancellationToken.None);

    /// <summary>Runs <paramref name="python"/> with <paramref name="arguments"/>.</summary>
    public static PythonRunResult Run(string python, IReadOnlyList<string> arguments, IDictionary<string, string>? environment,
        string stdin, TimeSpan timeout, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(python)
        {
            Arguments = string.Join(" ", Array.ConvertAll(ToArray(arguments), Quote)),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{python}'.");
        var stdout = Capture(process.StandardOutput);
        var stderr = Capture(process.StandardError);
        var writer = Task.Run(() =>
        {
            try
            {
                using var input = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false));
                input.Write(stdin);
            }
            catch (IOException)
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
                Kill(process);
                break;
            }
        }
        process.WaitForExit();
        writer.Wait();
        var (outText, outCut) = stdout.Result;
        var (errText, errCut) = stderr.Result;
        return new PythonRunResult(timedOut || cancelled ? -1 : process.ExitCode, outText, errText, outCut, errCut, timedOut, cancelled, watch.Elapsed);
    }

    /// <summary>The script as a file in the temp folder, named by its content hash: written once, shared by every run.</summary>
    public static string ScriptFile(string script)
    {
        lock (ScriptFiles)
        {
            if (!ScriptFiles.TryGetValue(script, out var path))
            {
                path = WriteScriptFile(script);
                ScriptFiles[script] = path;
            }
            return path;
        }
    }

    private static string WriteScriptFile(string script)
    {
        string hash;
        using (var sha = System.Security.Cryptography.SHA256.Create())
        {
            hash = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(script)), 0, 8).Replace("-", string.Empty).ToLowerInvariant();
        }
        var path = Path.Combine(Path.GetTempPath(), "spsplugin-" + hash + ".py");
        if (!File.Exists(path))
        {
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temp, script, new UTF8Encoding(false));
            try
            {
                File.Move(temp, path);
            }
            catch (IOException)
            {
                // Another process wrote the same script first.
                File.Delete(temp);
            }
        }
        return path;
    }

    /// <summary>Reads a stream to its end, keeping the first <see cref="OutputCap"/> characters.</summary>
    private static Task<(string Text, bool Truncated)> Capture(StreamReader reader) => Task.Run(() =>
    {
        var kept = new StringBuilder();
        var truncated = false;
        var buffer = new char[8192];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var room = OutputCap - kept.Length;
            if (room > 0)
            {
                kept.Append(buffer, 0, Math.Min(room, read));
            }
            truncated |= read > room;
        }
        return (kept.ToString(), truncated);
    });

    /// <summary>Kills the process and, where the runtime can (.NET Core 3.0+), everything it started.</summary>
    private static void Kill(Process process)
    {
        try
        {
            if (KillTree != null)
            {
                KillTree.Invoke(process, new object[] { true });
            }
            else
            {
                process.Kill();
            }
        }
        catch (Exception error) when (error is InvalidOperationException || error is TargetInvocationException || error is System.ComponentModel.Win32Exception)
        {
            // It ended between the check and the kill.
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

    // Windows-style quoting, which .NET also applies when it splits Arguments on Unix.
    private static string Quote(string argument)
    {
        var text = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            if (c == '"')
            {
                text.Append('\\', backslashes * 2 + 1).Append('"');
            }
            else
            {
                text.Append('\\', backslashes).Append(c);
            }
            backslashes = 0;
        }
        return text.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
