using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// Ends every process a plugin run left, on Linux: the descendants of the run's root process (found
/// through the parent ids in /proc, which also finds daemons that called setsid while the hook host,
/// a child subreaper, still lives) and every process whose environment carries the run's marker
/// (which finds them after the host is gone). Each round stops all of them first, so none can fork
/// while the round kills, and rounds repeat until none is left. Elsewhere it does nothing: the caller
/// falls back on the runtime's process-tree kill.
/// </summary>
internal static class ProcessReaper
{
    /// <summary>The variable every process of a run inherits, set to the run's id.</summary>
    public const string MarkerVariable = "SPSPLUGIN_RUN_ID";

    private const int MaxRounds = 100;

    // PF_KTHREAD in /proc/<pid>/stat's flags: a kernel thread, never a plugin's process.
    private const uint KernelThread = 0x00200000;

    /// <summary>Kills <paramref name="rootPid"/> (0 for none) with its descendants and every process marked with <paramref name="runId"/>; returns how many were signalled.</summary>
    public static int KillAll(int rootPid, string runId)
    {
        if (!UnixNative.HasProc)
        {
            return 0;
        }
        var marker = Encoding.UTF8.GetBytes(MarkerVariable + "=" + runId + "\0");
        var signalled = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var targets = Find(rootPid, marker);
            if (targets.Count == 0)
            {
                break;
            }
            foreach (var pid in targets)
            {
                UnixNative.Signal(pid, UnixNative.SigStopLinux);
            }
            foreach (var pid in targets)
            {
                UnixNative.Signal(pid, UnixNative.SigKill);
            }
            signalled += targets.Count;
            // Let the kernel reparent the orphans before the next look.
            Thread.Sleep(5);
        }
        return signalled;
    }

    /// <summary>The live (not zombie) processes of the run.</summary>
    public static List<int> Find(int rootPid, byte[] marker)
    {
        var self = System.Diagnostics.Process.GetCurrentProcess().Id;
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            // Kernel threads are left out: their environ cannot be read (ESRCH), and on Mono every failed open prints a runtime warning.
            if (int.TryParse(Path.GetFileName(folder), out var pid) && pid != self && ReadStat(folder) is { } stat && stat.State != 'Z' && stat.State != 'X' &&
                (stat.Flags & KernelThread) == 0)
            {
                parents[pid] = stat.Parent;
            }
        }
        var found = new HashSet<int>();
        if (rootPid > 0 && parents.ContainsKey(rootPid))
        {
            found.Add(rootPid);
        }
        // Descendants: repeat until no process is added (parents may be listed after their children).
        var added = true;
        while (added)
        {
            added = false;
            foreach (var pair in parents)
            {
                if (!found.Contains(pair.Key) && (pair.Value == rootPid && rootPid > 0 || found.Contains(pair.Value)))
                {
                    added |= found.Add(pair.Key);
                }
            }
        }
        foreach (var pid in parents.Keys)
        {
            if (!found.Contains(pid) && CarriesMarker(pid, marker))
            {
                found.Add(pid);
            }
        }
        return new List<int>(found);
    }

    private static (char State, int Parent, uint Flags)? ReadStat(string folder)
    {
        try
        {
            // "pid (comm) S ppid pgrp session tty tpgid flags …": comm may hold spaces and parentheses, so read after the last ')'.
            var text = File.ReadAllText(Path.Combine(folder, "stat"));
            var end = text.LastIndexOf(')');
            var fields = text.Substring(end + 2).Split(' ');
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            return (fields[0][0], int.Parse(fields[1], invariant), uint.Parse(fields[6], invariant));
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is FormatException || error is OverflowException || error is ArgumentOutOfRangeException || error is IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static bool CarriesMarker(int pid, byte[] marker)
    {
        byte[] environment;
        try
        {
            environment = File.ReadAllBytes("/proc/" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/environ");
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            // Another user's process (unreadable) cannot be one the plugin started.
            return false;
        }
        for (var start = 0; start + marker.Length <= environment.Length; start++)
        {
            if ((start == 0 || environment[start - 1] == 0) && Matches(environment, start, marker))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Matches(byte[] text, int start, byte[] pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (text[start + i] != pattern[i])
            {
                return false;
            }
        }
        return true;
    }
}
