using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Validation;

/// <summary>
/// Builds small plugin bundles for the rule tests: a good AA plugin that passes every rule, which a
/// test then breaks in one way, written as a folder or as a zip.
/// </summary>
internal sealed class PluginBuilder
{
    public const string GoodManifest =
        "name: good_plugin\n" +
        "description: A plugin that passes every rule\n" +
        "version: '1.0.0'\n" +
        "type: aa\n" +
        "api: 1.6\n" +
        "entry_point: main.py\n" +
        "author_name: Tests\n" +
        "author_email: tests@example.com\n";

    public const string GoodMain =
        "#!/usr/bin/env pluginwrapper3\n" +
        "from good_plugin.plugin import Plugin  # noqa: F401\n";

    public const string GoodPluginModule =
        "class Plugin(object):\n" +
        "    def __init__(self, configuration):\n" +
        "        self.configuration = configuration\n\n" +
        "    def authenticate(self, key_value_pairs, cookie):\n" +
        "        return {'verdict': 'ACCEPT', 'cookie': cookie}\n\n" +
        "    def authorize(self, cookie):\n" +
        "        return {'verdict': 'ACCEPT'}\n\n" +
        "    def session_ended(self, session_id):\n" +
        "        pass\n";

    public const string GoodConfig =
        "[good]\n" +
        "; token=<api-token>\n" +
        "timeout=60\n\n" +
        "[logging]\n" +
        "log_level=info\n";

    /// <summary>Files by path (with '/'); a zip may hold several entries of one name, so entries are a list.</summary>
    public List<(string Name, byte[] Content, int? UnixMode)> Entries { get; } = new()
    {
        ("MANIFEST", Encoding.UTF8.GetBytes(GoodManifest), null),
        ("main.py", Encoding.UTF8.GetBytes(GoodMain), null),
        ("good_plugin/__init__.py", Array.Empty<byte>(), null),
        ("good_plugin/plugin.py", Encoding.UTF8.GetBytes(GoodPluginModule), null),
        ("default.cfg", Encoding.UTF8.GetBytes(GoodConfig), null),
    };

    public PluginBuilder Set(string name, string content) => Set(name, Encoding.UTF8.GetBytes(content));

    /// <summary>The good plugin with <paramref name="module"/> as good_plugin/plugin.py and, when given, <paramref name="main"/> as main.py.</summary>
    public static PluginBuilder WithModule(string module, string? main = null)
    {
        var builder = new PluginBuilder().Set("good_plugin/plugin.py", module);
        return main == null ? builder : builder.Set("main.py", main);
    }

    public PluginBuilder Set(string name, byte[] content, int? mode = null)
    {
        Remove(name);
        Entries.Add((name, content, mode));
        return this;
    }

    public PluginBuilder Add(string name, byte[] content, int? mode = null)
    {
        Entries.Add((name, content, mode));
        return this;
    }

    public PluginBuilder Remove(string name)
    {
        Entries.RemoveAll(e => e.Name == name);
        return this;
    }

    public PluginBuilder Manifest(Func<string, string> edit) => Set("MANIFEST", edit(GoodManifest));

    public string WriteFolder(TempFolder temp)
    {
        var root = temp.Combine("plugin-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        foreach (var (name, content, _) in Entries)
        {
            var path = Path.Combine(root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
        }
        Directory.CreateDirectory(root);
        return root;
    }

    public byte[] ZipBytes(string prefix = "")
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, mode) in Entries)
            {
                var entry = archive.CreateEntry(prefix + name, CompressionLevel.Optimal);
                if (mode != null)
                {
                    entry.ExternalAttributes = mode.Value << 16;
                }
                using var stream = entry.Open();
                stream.Write(content, 0, content.Length);
            }
        }
        return buffer.ToArray();
    }

    public string WriteZip(TempFolder temp, string prefix = "") => WriteBytes(temp, ZipBytes(prefix));

    /// <summary>The entries as a byte-level <see cref="ZipBuilder"/>, for cases that forge header fields.</summary>
    public ZipBuilder RawZip(bool deflate = true)
    {
        var zip = new ZipBuilder();
        foreach (var (name, content, mode) in Entries)
        {
            var entry = zip.Add(name, content, deflate);
            if (mode != null)
            {
                entry.ExternalAttributes = (uint)mode.Value << 16;
            }
        }
        return zip;
    }

    public static string WriteBytes(TempFolder temp, byte[] bytes)
    {
        var path = temp.Combine("plugin-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".zip");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
