using System;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace SpsPlugin;

/// <summary>What a Python run gave back.</summary>
internal sealed class PythonRunResult
{
    public PythonRunResult(int exitCode, string stdout, string stderr, bool timedOut, TimeSpan duration)
    {
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
        TimedOut = timedOut;
        Duration = duration;
    }

    public int ExitCode { get; }

    public string Stdout { get; }

    public string Stderr { get; }

    public bool TimedOut { get; }

    public TimeSpan Duration { get; }
}

/// <summary>Runs one Python process with text on stdin and a deadline; a process past its deadline is killed.</summary>
internal static class PythonProcess
{
    /// <summary>Runs <paramref name="script"/> (Python source) with <paramref name="stdin"/> as its input.</summary>
    public static PythonRunResult Run(string python, string script, string stdin, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(python)
        {
            // -I: isolated (no user site, no PYTHON* variables); -S: no site module, a faster start.
            Arguments = "-I -S \"" + ScriptFile(script) + "\"",
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
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{python}'.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var writer = Task.Run(() =>
        {
            try
            {
                using var input = new System.IO.StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false));
                input.Write(stdin);
            }
            catch (System.IO.IOException)
            {
                // The process ended before reading everything; its exit code tells the rest.
            }
        });
        var finished = process.WaitForExit((int)Math.Min(int.MaxValue, timeout.TotalMilliseconds));
        if (!finished)
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // It ended between the deadline and the kill.
            }
            process.WaitForExit();
        }
        writer.Wait();
        return new PythonRunResult(finished ? process.ExitCode : -1, stdout.Result, stderr.Result, !finished, watch.Elapsed);
    }

    /// <summary>
    /// The script as a file in the temp folder, named by its content hash: written once, shared by every
    /// run, and never stale (a changed script gets a new name).
    /// </summary>
    private static string ScriptFile(string script)
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

    private static readonly System.Collections.Generic.Dictionary<string, string> ScriptFiles = new(StringComparer.Ordinal);

    private static string WriteScriptFile(string script)
    {
        string hash;
        using (var sha = System.Security.Cryptography.SHA256.Create())
        {
            hash = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(script)), 0, 8).Replace("-", string.Empty).ToLowerInvariant();
        }
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "spsplugin-" + hash + ".py");
        if (!System.IO.File.Exists(path))
        {
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            System.IO.File.WriteAllText(temp, script, new UTF8Encoding(false));
            try
            {
                System.IO.File.Move(temp, path);
            }
            catch (System.IO.IOException)
            {
                // Another process wrote the same script first.
                System.IO.File.Delete(temp);
            }
        }
        return path;
    }
}
