using System;
using System.IO;
using System.Threading;

namespace SpsPlugin.IO;

/// <summary>
/// Runs a move, replace or delete again when another program briefly holds the file. On Windows an
/// antivirus scanner, the search indexer or a sync client opens a freshly written file for a moment,
/// and a rename or delete in that moment fails with a sharing violation or "access denied"; a short
/// wait is all it takes. Elsewhere nothing holds files that way, and "access denied" means permissions,
/// so nothing is retried.
/// </summary>
internal static class LockedFileRetry
{
    /// <summary>How many times an operation runs before its failure is reported.</summary>
    internal const int Attempts = 10;

    /// <summary>The wait between two attempts; ten attempts span about a second.</summary>
    internal static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(100);

    private const int AccessDenied = unchecked((int)0x80070005);
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LockViolation = unchecked((int)0x80070021);

    /// <summary>
    /// Whether <paramref name="error"/> is what Windows reports while another program holds the file:
    /// a sharing or lock violation, or "access denied", which is also what a file pending deletion or
    /// open without FILE_SHARE_DELETE gives a rename. Never on other systems.
    /// </summary>
    internal static bool IsHeldByAnotherProgram(Exception error, bool windows) =>
        windows
        && (error is IOException || error is UnauthorizedAccessException)
        && (error.HResult == SharingViolation || error.HResult == LockViolation || error.HResult == AccessDenied);

    /// <summary>Runs <paramref name="operation"/> on <paramref name="path"/>, retrying while another program holds it.</summary>
    /// <param name="path">The file or folder the operation changes; named in the final error.</param>
    /// <param name="operation">The move, replace or delete.</param>
    /// <exception cref="IOException">Still held after every attempt: names the file and the likely cause, the last failure inside.</exception>
    public static void Run(string path, Action operation) =>
        Run(path, operation, windows: PlatformPaths.IsWindows, Thread.Sleep);

    /// <summary><see cref="Run(string, Action)"/> with the platform and the wait given, so tests can play Windows.</summary>
    internal static void Run(string path, Action operation, bool windows, Action<TimeSpan> wait)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                operation();
                return;
            }
            catch (Exception error) when (IsHeldByAnotherProgram(error, windows))
            {
                if (attempt == Attempts)
                {
                    throw new IOException(
                        $"'{path}' is held by another program (an antivirus scanner, the search indexer, a sync client or an editor): {error.Message} Tried {Attempts} times over {(Attempts - 1) * Delay.TotalSeconds:0.#} s. Close the program holding it, or wait a moment, and retry.",
                        error);
                }
                wait(Delay);
            }
        }
    }
}
