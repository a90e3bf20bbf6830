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

    /// <summary>
    /// Makes folders of 200-character names <paramref name="depth"/> deep under <paramref name="folder"/>,
    /// with a file at the bottom: one 'cd' at a time, so the full path may pass PATH_MAX (4,096), which
    /// no API that takes a full path can then reach. Returns the first folder's full path.
    /// </summary>
    public static string MakeDeepTree(string folder, int depth)
    {
        Directory.CreateDirectory(folder);
        var name = new string('d', 200);
        var script = $"cd -P \"$1\" && for i in $(seq {depth}); do mkdir {name} && cd -P {name} || exit 1; done && echo x > bottom.py";
        using var process = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script, "sh", folder }, UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return Path.Combine(folder, name);
    }
}
