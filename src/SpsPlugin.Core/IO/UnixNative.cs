using System.Runtime.InteropServices;

namespace SpsPlugin.IO;

/// <summary>
/// The few libc calls netstandard2.0 has no API for: creating a directory with its mode in one
/// atomic step (so no other user can get in between creation and chmod), setting a mode, and
/// sending a signal. Callers check <see cref="IsAvailable"/> first: on Windows there is no libc.
/// </summary>
internal static class UnixNative
{
    public const int SigKill = 9;
    public const int SigStopLinux = 19; // 17 on macOS: only used where /proc exists

    public const int ErrorExists = 17;

    /// <summary>True on Linux and macOS, where libc is there to call.</summary>
    public static bool IsAvailable => System.IO.Path.DirectorySeparatorChar == '/';

    /// <summary>True on Linux, where /proc lists processes with their parent and environment.</summary>
    public static bool HasProc => IsAvailable && System.IO.Directory.Exists("/proc/self");

    /// <summary>mkdir(2): 0 on success, else -1 with the errno in Marshal.GetLastWin32Error(); fails if anything (a link too) has the name.</summary>
    public static int MakeDirectory(string path, uint mode) => mkdir(CPath(path), mode);

    /// <summary>chmod(2).</summary>
    public static int ChangeMode(string path, uint mode) => chmod(CPath(path), mode);

    /// <summary>access(2) with X_OK: whether this process may execute the file links lead to, as bash's <c>[ -x ]</c> answers.</summary>
    public static bool MayExecute(string path) => access(CPath(path), 1) == 0;

    // netstandard2.0 has no UTF-8 string marshalling: paths go as NUL-terminated UTF-8 bytes.
    private static byte[] CPath(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

    [DllImport("libc", SetLastError = true)]
    private static extern int mkdir(byte[] path, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int chmod(byte[] path, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int access(byte[] path, int mode);

    /// <summary>kill(2).</summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Signal(int pid, int signal);
}
