using System;
using System.Runtime.InteropServices;

namespace SpsPlugin.HostileInputs;

/// <summary>mkfifo(3): .NET has no API for named pipes in the file system, and a FIFO is what hangs a naive reader.</summary>
internal static class Fifo
{
    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);

    public static void Create(string path)
    {
        if (mkfifo(path, Convert.ToUInt32("644", 8)) != 0)
        {
            throw new InvalidOperationException($"mkfifo '{path}' failed with errno {Marshal.GetLastWin32Error()}");
        }
    }
}
