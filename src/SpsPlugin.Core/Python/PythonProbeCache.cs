using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// The versions of interpreters learnt by starting them, kept across processes in a per-user private
/// folder, so a fresh session (a CI step) does not start every candidate again: a probe costs a process
/// start, the whole first call a cached answer saves. An answer is keyed by the file's full path, size
/// and time of last write, so a replaced interpreter is probed again. Only native executables are
/// remembered: a script (a version manager's shim starts with <c>#!</c>) answers by the environment it
/// runs in, not by its own bytes. Only versions are remembered, never failures, which may be passing
/// (a timeout on a loaded machine). The folder is trusted only when it is the user's alone (0700, the
/// file 0600 and no link); anything unreadable or odd is a miss, never an error.
/// </summary>
internal sealed class PythonProbeCache
{
    private const string FileName = "python-probes.txt";

    // A machine has a handful of interpreters; the bound keeps a long-lived cache from growing with
    // every virtual environment ever probed.
    private const int MaxEntries = 64;

    // 64 entries of a few hundred bytes each; a bigger file is not one this class wrote, so it is a miss (and the
    // next answer rewrites it) instead of a read of whatever size it has grown to.
    internal const int MaxFileBytes = 64 * 1024;

    private readonly string? folder;

    internal PythonProbeCache(string? folder) => this.folder = folder;

    /// <summary>The cache of this user: $XDG_CACHE_HOME/spsplugin or ~/.cache/spsplugin, %LOCALAPPDATA%\SpsPlugin on Windows.</summary>
    public static PythonProbeCache Current { get; } = new(DefaultFolder());

    private static string? DefaultFolder()
    {
        if (!UnixNative.IsAvailable)
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return string.IsNullOrEmpty(local) ? null : Path.Combine(local, "SpsPlugin");
        }
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache) || !Path.IsPathRooted(cache))
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            cache = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache");
        }
        return cache == null ? null : Path.Combine(cache, "spsplugin");
    }

    /// <summary>
    /// The key of <paramref name="file"/>: the size and time of the file its links lead to, that file and
    /// the name itself; null when its answer must not be remembered (a script, a link that cannot be
    /// followed, a name a line cannot hold).
    /// </summary>
    public static string? KeyOf(FileInfo file)
    {
        var target = Followed(file);
        if (target == null || (file.FullName + target.FullName).IndexOfAny(new[] { '\t', '\n', '\r' }) >= 0 || !IsNative(target))
        {
            return null;
        }
        return string.Join("\t", target.Length.ToString(CultureInfo.InvariantCulture), target.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture), target.FullName, file.FullName);
    }

    // A link's own size and time say nothing of the interpreter it leads to (python3 -> python3.11 and
    // python3 -> python3.12 are links of the same size), so the key is the file at the end of the links.
    private static FileInfo? Followed(FileInfo file)
    {
        for (var hops = 0; hops < 16; hops++)
        {
            if (!file.Exists || !FileLinks.IsLink(file))
            {
                return file.Exists ? file : null;
            }
            if (FileLinks.Target(file) is not { } target)
            {
                return null;
            }
            file = new FileInfo(Path.Combine(file.DirectoryName ?? string.Empty, target));
        }
        return null;
    }

    /// <summary>The version remembered for <paramref name="key"/>, or null.</summary>
    public Version? Find(string key) => Read().TryGetValue(key, out var version) ? version : null;

    /// <summary>Remembers <paramref name="version"/> for <paramref name="key"/>; a cache that cannot be written is left as it is.</summary>
    public void Remember(string key, Version version)
    {
        if (folder == null || !PrivateFolderReady())
        {
            return;
        }
        var entries = Read();
        entries.Remove(key);
        var lines = entries.Take(MaxEntries - 1).Select(e => e.Value + "\t" + e.Key).Prepend(version + "\t" + key);
        var path = Path.Combine(folder, FileName);
        try
        {
            AtomicFile.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(string.Join("\n", lines) + "\n"), true);
            if (UnixNative.IsAvailable)
            {
                UnixNative.ChangeMode(path, Convert.ToUInt32("600", 8));
            }
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is SpsPluginException)
        {
            // A cache is an optimisation: a read-only home or a full disk only means the next session probes again.
        }
    }

    private Dictionary<string, Version> Read()
    {
        var entries = new Dictionary<string, Version>(StringComparer.Ordinal);
        var path = folder == null ? null : Path.Combine(folder, FileName);
        if (path == null || !Trusted(folder!, 0x1C0) || !Trusted(path, 0x180))
        {
            return entries;
        }
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                return entries;
            }
            foreach (var line in File.ReadAllLines(path))
            {
                var tab = line.IndexOf('\t');
                if (tab > 0 && Version.TryParse(line.Substring(0, tab), out var version) && version.Major == 3 && !entries.ContainsKey(line.Substring(tab + 1)))
                {
                    entries.Add(line.Substring(tab + 1), version);
                }
            }
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            entries.Clear();
        }
        return entries;
    }

    /// <summary>True when <paramref name="path"/> exists, is no link, and (on Unix) has no permission bit beyond <paramref name="allowed"/>.</summary>
    private static bool Trusted(string path, int allowed)
    {
        FileSystemInfo item = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!item.Exists || FileLinks.IsLink(item))
        {
            return false;
        }
        return !UnixNative.IsAvailable || (UnixFileMode.Get(path) is { } mode && (mode & 0x1FF & ~allowed) == 0);
    }

    /// <summary>Creates the folder 0700 when missing (one mkdir, so no moment with wider permissions); true when it is trusted.</summary>
    private bool PrivateFolderReady()
    {
        try
        {
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
                if (UnixNative.IsAvailable)
                {
                    UnixNative.MakeDirectory(folder!, Convert.ToUInt32("700", 8));
                }
                else
                {
                    Directory.CreateDirectory(folder!);
                }
            }
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            return false;
        }
        return Trusted(folder!, 0x1C0);
    }

    /// <summary>False for a script (<c>#!</c>) and for a file that cannot be read.</summary>
    private static bool IsNative(FileInfo file)
    {
        try
        {
            using var stream = file.OpenRead();
            return !(stream.ReadByte() == '#' && stream.ReadByte() == '!');
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            return false;
        }
    }
}
