using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SpsPlugin;

/// <summary>
/// The top-level modules of Python 3.6-3.12's standard library, as recorded by
/// tools/record-stdlib-modules.py into the embedded stdlib-modules.txt. A plugin module or package
/// of the same name hides the real one, since the folder of main.py comes first on the import path.
/// </summary>
internal static class PythonStandardLibrary
{
    private static readonly Lazy<HashSet<string>> Names = new(Read);

    /// <summary>True when <paramref name="module"/> (a top-level name, case-sensitive as on SPS) is a standard-library module.</summary>
    public static bool Contains(string module) => Names.Value.Contains(module);

    private static HashSet<string> Read()
    {
        using var stream = typeof(PythonStandardLibrary).Assembly.GetManifestResourceStream("SpsPlugin.stdlib-modules.txt")!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var line = reader.ReadLine(); line != null; line = reader.ReadLine())
        {
            if (line.Length > 0 && line[0] != '#')
            {
                names.Add(line.Trim());
            }
        }
        return names;
    }
}
