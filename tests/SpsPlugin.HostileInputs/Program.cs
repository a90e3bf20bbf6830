using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SpsPlugin.HostileInputs;

/// <summary>
/// dotnet run --project tests/SpsPlugin.HostileInputs -- FOLDER: writes the hostile-input catalogue under
/// FOLDER (one folder per hazard class) and FOLDER/index.json describing each case, which the Pester
/// catalogue test reads.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: SpsPlugin.HostileInputs FOLDER");
            return 2;
        }
        var root = Path.GetFullPath(args[0]);
        WriteCatalogue(root);
        Console.WriteLine($"{HostileCatalogue.All.Count} hostile cases in {HostileCatalogue.All.Select(c => c.Class).Distinct().Count()} classes written to {root}");
        return 0;
    }

    /// <summary>Writes every case under <paramref name="root"/> and the index.</summary>
    public static void WriteCatalogue(string root)
    {
        Directory.CreateDirectory(root);
        var index = HostileCatalogue.All.Select(c => new
        {
            c.Class,
            c.Name,
            Kind = c.Kind.ToString(),
            c.Refused,
            c.ExtractionRefused,
            c.Description,
            c.Hook,
            c.HookFails,
            c.FifoPath,
            Path = c.Write(root),
        }).ToArray();
        File.WriteAllText(Path.Combine(root, "index.json"), JsonSerializer.Serialize(index, new JsonSerializerOptions { WriteIndented = true }));
    }
}
