using System;
using System.Collections.Generic;
using System.IO;

namespace SpsPlugin.HostileInputs;

/// <summary>How a hostile case reaches the module.</summary>
public enum HostileKind
{
    /// <summary>A plugin zip.</summary>
    Zip,

    /// <summary>A plugin folder.</summary>
    Folder,

    /// <summary>A policy configuration file.</summary>
    Config,
}

/// <summary>
/// One input an attacker would try, named by the class of hazard it belongs to. The reading cmdlets
/// must all survive it; <see cref="Refused"/> says whether SPS would refuse it, in which case
/// validation must say so and extraction must write nothing.
/// </summary>
public sealed class HostileCase
{
    private readonly Func<IReadOnlyList<(string Path, byte[] Content)>> _files;

    public HostileCase(string hazardClass, string name, HostileKind kind, bool? refused, string description,
        Func<IReadOnlyList<(string Path, byte[] Content)>> files)
    {
        Class = hazardClass;
        Name = name;
        Kind = kind;
        Refused = refused;
        Description = description;
        _files = files;
    }

    /// <summary>The hazard class of issue #10 (recursion, zip-accounting, names, interpolation, writes, plugin-names, ...).</summary>
    public string Class { get; }

    /// <summary>A short name, unique within the class.</summary>
    public string Name { get; }

    public HostileKind Kind { get; }

    /// <summary>
    /// True: SPS (its SDK, Python's zipfile or configparser) would refuse it or fail on it, so validation
    /// must say False and extraction must write nothing. False: SPS takes it. Null: a hazard on some
    /// systems only (a warning at most), so only survival is asserted.
    /// </summary>
    public bool? Refused { get; }

    public string Description { get; }

    /// <summary>The archive itself is unsafe or unreadable, so extraction must refuse it and write nothing.</summary>
    public bool ExtractionRefused { get; init; }

    /// <summary>A hook to call when the case is plugin code for the simulator; null for inputs that are only read.</summary>
    public string? Hook { get; init; }

    /// <summary>Calling <see cref="Hook"/> must fail (time out, be refused, give no result SPS can use).</summary>
    public bool HookFails { get; init; }

    /// <summary>A file inside a folder case that is made a FIFO instead of a regular file (Unix only).</summary>
    public string? FifoPath { get; init; }

    /// <summary>The relative path this case is written to under the catalogue folder.</summary>
    public string RelativePath => Class + "/" + Name + (Kind switch { HostileKind.Zip => ".zip", HostileKind.Config => ".cfg", _ => string.Empty });

    /// <summary>Writes the case under <paramref name="root"/> and returns its full path.</summary>
    public string Write(string root)
    {
        var target = Path.Combine(root, Class, Name + (Kind switch { HostileKind.Zip => ".zip", HostileKind.Config => ".cfg", _ => string.Empty }));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var files = _files();
        if (Kind != HostileKind.Folder)
        {
            File.WriteAllBytes(target, files[0].Content);
            return target;
        }
        foreach (var (relative, content) in files)
        {
            var file = Path.Combine(target, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, content);
        }
        if (FifoPath != null && !OperatingSystem.IsWindows())
        {
            var fifo = Path.Combine(target, FifoPath);
            File.Delete(fifo);
            Fifo.Create(fifo);
        }
        return target;
    }
}
