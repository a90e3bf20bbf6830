using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// The operations of SPS's plugin integrity check (GET /api/plugin/integrity?ops=..., reference §7,
/// OI-REST 8.0 LTS) and the verdict it gives a check that passed.
/// </summary>
public static class SpsIntegrityOperation
{
    /// <summary>The stored zip's checksum against the one recorded at upload.</summary>
    public const string ZipChecksum = "zip_checksum";

    /// <summary>The deployed files against the zip's entries.</summary>
    public const string ZipContent = "zip_content";

    /// <summary>Folders in the type's plugin folder that no installed plugin owns.</summary>
    public const string Unregistered = "unregistered";

    /// <summary>The verdict of an operation that found nothing wrong.</summary>
    public const string PassedVerdict = "passed";

    /// <summary>Every operation, in the order the guide lists them.</summary>
    public static IReadOnlyList<string> All { get; } = new[] { ZipChecksum, ZipContent, Unregistered };

    /// <summary>The operation spelled as SPS spells it, ignoring case; null for an unknown one.</summary>
    public static string? Find(string? name) => All.FirstOrDefault(o => string.Equals(o, name, StringComparison.OrdinalIgnoreCase));
}
