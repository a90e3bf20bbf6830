using System;
using System.IO;
using System.Threading;

namespace SpsPlugin;

/// <summary>
/// The Windows py launcher (<c>py.exe</c>), which python.org's installer puts in C:\Windows or the
/// user's Programs folder even when it leaves Python itself off PATH. Asked which interpreter a
/// version selector means, it starts that interpreter, which reports its own path.
/// </summary>
internal static class PyLauncher
{
    private const string Script = "import sys; sys.stdout.write(sys.executable)";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>The interpreter <c>py <paramref name="selector"/></c> runs, or null when there is none.</summary>
    public static string? Ask(string launcher, string selector)
    {
        try
        {
            var run = PythonProcess.Run(launcher, new[] { selector, "-c", Script }, null, string.Empty, Timeout, CancellationToken.None);
            var answer = run.Stdout.Trim();
            return run.ExitCode == 0 && answer.Length > 0 && PathVariable.IsUsable(answer, true) && Path.IsPathRooted(answer) ? answer : null;
        }
        catch (Exception error) when (error is InvalidOperationException || error is System.ComponentModel.Win32Exception || error is IOException)
        {
            // A launcher that does not start names no interpreter.
            return null;
        }
    }
}
