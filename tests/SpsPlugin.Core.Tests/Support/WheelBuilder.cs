using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace SpsPlugin.Tests.Support;

/// <summary>
/// Writes a pure-Python wheel from a folder, by hand (a wheel is a zip with a .dist-info), so tests can
/// install a stand-in package with pip --no-index --find-links where no package index is reachable.
/// </summary>
internal static class WheelBuilder
{
    /// <summary>Packs every file under <paramref name="sourceFolder"/> (the package folders) as distribution <paramref name="name"/> <paramref name="version"/> into <paramref name="outputFolder"/>; returns the wheel's path.</summary>
    public static string FromFolder(string sourceFolder, string name, string version, string outputFolder)
    {
        var stem = name.Replace('-', '_') + "-" + version;
        var wheel = Path.Combine(outputFolder, stem + "-py3-none-any.whl");
        var distInfo = stem + ".dist-info/";
        Directory.CreateDirectory(outputFolder);
        using var zip = ZipFile.Open(wheel, ZipArchiveMode.Create);
        var record = new StringBuilder();
        void Add(string entry, byte[] bytes)
        {
            using (var stream = zip.CreateEntry(entry).Open())
            {
                stream.Write(bytes, 0, bytes.Length);
            }
            using var sha = SHA256.Create();
            var hash = Convert.ToBase64String(sha.ComputeHash(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            record.Append($"{entry},sha256={hash},{bytes.Length}\n");
        }
        foreach (var file in Directory.GetFiles(sourceFolder, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            Add(Path.GetRelativePath(sourceFolder, file).Replace('\\', '/'), File.ReadAllBytes(file));
        }
        Add(distInfo + "METADATA", Encoding.UTF8.GetBytes($"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"));
        Add(distInfo + "WHEEL", Encoding.UTF8.GetBytes("Wheel-Version: 1.0\nGenerator: spsplugin-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"));
        record.Append(distInfo + "RECORD,,\n");
        using (var stream = zip.CreateEntry(distInfo + "RECORD").Open())
        {
            var bytes = Encoding.UTF8.GetBytes(record.ToString());
            stream.Write(bytes, 0, bytes.Length);
        }
        return wheel;
    }
}
