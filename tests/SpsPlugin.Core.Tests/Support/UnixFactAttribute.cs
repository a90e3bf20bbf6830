using System.Diagnostics;
using System.IO;

namespace SpsPlugin.Tests.Support;

/// <summary>A fact that needs Unix special files (mkfifo): skipped, saying so, on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (Path.DirectorySeparatorChar == '\\')
        {
            Skip = "FIFOs made with mkfifo exist only on Unix";
        }
    }

    /// <summary>Makes a FIFO at <paramref name="path"/> with mkfifo (folders created as needed).</summary>
    public static string MakeFifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var process = Process.Start(new ProcessStartInfo("mkfifo", $"\"{path}\"") { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return path;
    }
}
