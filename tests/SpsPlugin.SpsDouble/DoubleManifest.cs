using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace SpsPlugin.ApplianceDouble;

/// <summary>
/// The MANIFEST of an uploaded zip as the double reads it: flat <c>key: value</c> lines, surrounding quotes
/// stripped, comments and blank lines skipped. Deliberately tiny (the module has the faithful YAML reader;
/// the double only needs what decides an upload's answer).
/// </summary>
internal sealed class DoubleManifest
{
    // The plugin types SPS 7.x lists under /api/configuration/plugins (reference §7).
    public static readonly IReadOnlyList<string> KnownTypes = new[] { "aa", "configuration_sync", "credentialstore", "signingca" };

    private DoubleManifest(IReadOnlyDictionary<string, string> values, IReadOnlyList<string> entries)
    {
        Values = values;
        Entries = entries;
    }

    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The file entries of the zip (folders left out): what deploying it puts on disk.</summary>
    public IReadOnlyList<string> Entries { get; }

    public string Name => Values["name"];
    public string Type => Values["type"];
    public string Api => Values["api"];
    public string Version => Values["version"];
    public string Description => Values.TryGetValue("description", out var d) ? d : "";
    public string? ScbMinVersion => Values.TryGetValue("scb_min_version", out var v) ? v : null;
    public string? ScbMaxVersion => Values.TryGetValue("scb_max_version", out var v) ? v : null;

    /// <summary>Reads the zip; on failure returns null and the reason SPS would give as InvalidPlugin.</summary>
    public static DoubleManifest? Read(byte[] zip, out string? problem)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
            var entries = archive.Entries.Where(e => !e.FullName.EndsWith('/')).Select(e => e.FullName).ToList();
            var manifest = archive.GetEntry("MANIFEST");
            if (manifest is null)
            {
                problem = "The zip has no MANIFEST at its root.";
                return null;
            }
            using var reader = new StreamReader(manifest.Open());
            var values = ParseLines(reader.ReadToEnd());
            foreach (var required in new[] { "name", "type", "api", "version" })
            {
                if (!values.TryGetValue(required, out var value) || value.Length == 0)
                {
                    problem = $"The MANIFEST has no '{required}'.";
                    return null;
                }
            }
            if (!KnownTypes.Contains(values["type"]))
            {
                problem = $"Unknown plugin type '{values["type"]}'.";
                return null;
            }
            problem = null;
            return new DoubleManifest(values, entries);
        }
        catch (InvalidDataException e)
        {
            problem = $"The upload is not a readable zip: {e.Message}";
            return null;
        }
    }

    private static Dictionary<string, string> ParseLines(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            values[line[..colon].Trim()] = line[(colon + 1)..].Trim().Trim('"', '\'');
        }
        return values;
    }
}

/// <summary>Which plugin API and which releases an appliance accepts (the SDK's check_api_version, reference §6).</summary>
internal static class DoubleCompatibility
{
    // The plugin API (SDK major.minor) each release line accepts, from the reference's release table (§6).
    private static readonly (string Release, string Api)[] ApiByRelease =
    {
        ("6.0", "1.1"), ("6.1", "1.2"), ("6.2", "1.3"), ("6.3", "1.4"), ("6.4", "1.4"), ("6.5", "1.5"), ("6.6", "1.5"),
        ("6.7", "1.6"), ("6.8", "1.6"), ("6.9", "1.6"), ("6.10", "1.7"), ("6.11", "1.7"), ("6.12", "1.7"), ("6.13", "1.7"),
        ("7.0", "1.7"), ("7.1", "1.7"), ("7.2", "1.7"), ("7.3", "1.7"), ("7.4", "1.7"), ("7.5", "1.7"),
        ("8.0", "1.8"), ("8.1", "1.8"), ("9.0", "1.9"),
    };

    /// <summary>The API of <paramref name="release"/>; an unlisted release gets the newest API of its major line.</summary>
    public static int[] ApiOf(string release)
    {
        var parts = Numbers(release);
        var line = $"{parts[0]}.{(parts.Length > 1 ? parts[1] : 0)}";
        var row = ApiByRelease.LastOrDefault(r => r.Release == line);
        if (row.Api is null) row = ApiByRelease.LastOrDefault(r => Numbers(r.Release)[0] <= parts[0]);
        return Numbers(row.Api ?? "1.0");
    }

    /// <summary>Why the release refuses a plugin with this api and window, or null when it accepts it.</summary>
    public static string? Refusal(string release, string api, string? scbMin, string? scbMax)
    {
        try { return RefusalOfNumbers(release, Numbers(api), api, scbMin, scbMax); }
        catch (FormatException) { return $"The plugin's api '{api}' or SPS window '{scbMin}'..'{scbMax}' is not a version."; }
    }

    private static string? RefusalOfNumbers(string release, int[] wanted, string api, string? scbMin, string? scbMax)
    {
        var offered = ApiOf(release);
        if (wanted[0] != offered[0] || (wanted.Length > 1 && wanted[1] > offered[1]))
            return $"The plugin needs plugin API {api}; SPS {release} provides {offered[0]}.{offered[1]}.";
        // A bound compares only as many parts as it spells: 7.5.3 is within scb_max_version 7.5.
        if (scbMin is not null && ComparePrefix(release, scbMin) < 0)
            return $"The plugin needs SPS {scbMin} or later (scb_min_version); this is SPS {release}.";
        if (scbMax is not null && ComparePrefix(release, scbMax) > 0)
            return $"The plugin supports SPS up to {scbMax} (scb_max_version); this is SPS {release}.";
        return null;
    }

    private static int ComparePrefix(string release, string bound)
    {
        var r = Numbers(release);
        var b = Numbers(bound);
        for (var i = 0; i < b.Length; i++)
        {
            var part = i < r.Length ? r[i] : 0;
            if (part != b[i]) return part.CompareTo(b[i]);
        }
        return 0;
    }

    private static int[] Numbers(string version) => version.Trim().Split('.').Select(int.Parse).ToArray();
}
