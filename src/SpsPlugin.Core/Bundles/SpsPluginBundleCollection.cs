using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpsPlugin;

/// <summary>What a path given to validate names: one bundle, or a folder of them (a release folder, a CI artefact).</summary>
public static class SpsPluginBundleCollection
{
    /// <summary>
    /// A folder without MANIFEST that holds plugin zips or plugin folders (with a MANIFEST) stands for
    /// them, in ordinal order; anything else (a zip, a plugin folder, a folder holding no bundle) is one
    /// bundle.
    /// </summary>
    public static IReadOnlyList<string> Members(string path)
    {
        if (!Directory.Exists(path) || File.Exists(Path.Combine(path, SpsPluginBundle.ManifestName)))
        {
            return new[] { path };
        }
        string[] members;
        try
        {
            members = Directory.EnumerateFiles(path, "*.zip")
                .Concat(Directory.EnumerateDirectories(path).Where(folder => File.Exists(Path.Combine(folder, SpsPluginBundle.ManifestName))))
                .OrderBy(member => member, StringComparer.Ordinal)
                .ToArray();
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            // A folder that cannot be listed stays one bundle: opening it then reports ReadFailed for it.
            return new[] { path };
        }
        return members.Length > 0 ? members : new[] { path };
    }
}
