using System;
using System.Diagnostics;
using System.IO;

namespace SpsPlugin.Tests.Support;

/// <summary>A fact about Unix file-system behaviour (FIFOs, links without privileges, PATH_MAX): skipped, saying so, on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public const string NotUnix = "needs Unix file-system behaviour (FIFOs, symbolic links without privileges, PATH_MAX)";

    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = NotUnix;
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
