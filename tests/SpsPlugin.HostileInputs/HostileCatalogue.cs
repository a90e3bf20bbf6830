using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SpsPlugin.HostileInputs;

/// <summary>
/// The hostile-input catalogue of issue #10: one or more generated inputs per class of hazard, each
/// built here from readable code (never a committed binary). Every reading cmdlet runs every case.
/// </summary>
public static class HostileCatalogue
{
    public const string GoodManifest =
        "name: hostile_case\n" +
        "description: A plugin built to test hostile input\n" +
        "version: '1.0.0'\n" +
        "type: aa\n" +
        "api: 1.6\n" +
        "entry_point: main.py\n" +
        "author_name: Tests\n" +
        "author_email: tests@example.com\n";

    public const string GoodMain =
        Shebang +
        "class Plugin(object):\n" +
        "    def __init__(self, configuration):\n" +
        "        self.configuration = configuration\n\n" +
        "    def authenticate(self, key_value_pairs, cookie):\n" +
        "        return {'verdict': 'ACCEPT', 'cookie': cookie}\n\n" +
        "    def authorize(self, cookie):\n" +
        "        return {'verdict': 'ACCEPT'}\n";

    /// <summary>The first line SPS's plugin loader needs in main.py.</summary>
    public const string Shebang = "#!/usr/bin/env pluginwrapper3\n";

    public const string GoodConfig = "[hostile]\ntimeout = 60\n";

    /// <summary>The environment variable the secrets cases look for: set it in the caller, the plugin must not see it.</summary>
    public const string CanaryVariable = "SPSPLUGIN_HOSTILE_CANARY";

    private const int MiB = 1024 * 1024;

    public static IReadOnlyList<HostileCase> All { get; } = Build().ToArray();

    private static IEnumerable<HostileCase> Build()
    {
        // 1. Recursion: PyYAML's composer recurses per nesting level and gives up long before 5,000.
        var deep = new string('[', 100_000) + new string(']', 100_000);
        yield return FolderCase("recursion", "manifest-deep-sequence", true, "a MANIFEST value nested 100,000 deep", ("MANIFEST", GoodManifest + "x: " + deep + "\n"));
        yield return ZipCase("recursion", "manifest-deep-sequence", true, "the same inside a 2 KB zip", () => PluginZip(("MANIFEST", GoodManifest + "x: " + deep + "\n")));
        yield return FolderCase("recursion", "manifest-deep-5000", true, "nested 5,000 deep: PyYAML raises RecursionError",
            ("MANIFEST", GoodManifest + "x: " + new string('[', 5000) + new string(']', 5000) + "\n"));
        yield return ZipCase("recursion", "manifest-deep-mapping", true, "flow mappings nested 50,000 deep",
            () => PluginZip(("MANIFEST", GoodManifest + "x: " + Repeat("{a: ", 50_000) + "1" + new string('}', 50_000) + "\n")));
        yield return FolderCase("recursion", "main-deep-parentheses", true, "main.py with 100,000 nested parentheses",
            ("main.py", GoodMain + "x = " + new string('(', 100_000) + "1" + new string(')', 100_000) + "\n"));
        yield return PluginCodeCase("recursion", "deep-cookie", true, "a hook whose cookie is nested 100,000 deep",
            "        value = 1\n        for _ in range(100000):\n            value = [value]\n        return {'verdict': 'ACCEPT', 'cookie': {'deep': value}}\n");

        // 2. Zip accounting: entries that share bytes, sizes that lie or overflow.
        yield return ZipCase("zip-accounting", "overlapping-entries", true,
            "1,000 central entries share one local header of 1 MiB of zeros; a directory's negative ZIP64 size cancels the total", OverlappingEntries);
        yield return ZipCase("zip-accounting", "zip64-size-2pow63", true, "a ZIP64 size of 2^63", () => PluginZip(zip => Zip64Entry(zip, 1UL << 63)));
        yield return ZipCase("zip-accounting", "zip64-size-2pow64-1", true, "a ZIP64 size of 2^64-1", () => PluginZip(zip => Zip64Entry(zip, ulong.MaxValue)));
        yield return ZipCase("zip-accounting", "directory-with-data", true, "a directory entry with a size, a CRC and data",
            () => PluginZip(zip => zip.Add("lib/", new byte[4096]).ExternalAttributes = 0x41ED0010));
        yield return ZipCase("zip-accounting", "size-lies", true, "declares 10 bytes, inflates to 50 MiB",
            () => PluginZip(zip => zip.Add("data.bin", new byte[50 * MiB]).UncompressedSize = 10));

        // 3. Names: what Python's zipfile (SPS's reader) sees differs from a naive reading, or no file system can hold.
        yield return ZipCase("names", "nul-twin", true, "main.py, then 'main.py\\0evil' that Python truncates to main.py and loads",
            () => PluginZip(zip => zip.Add("main.py\0evil", "import os\nos.system('id')\n")));
        yield return ZipCase("names", "control-character", true, "an entry name with an escape sequence",
            () => PluginZip(zip => zip.Add("lib/\u001b[2Jx.py", "x = 1\n")));
        yield return ZipCase("names", "dos-directory-attribute", null, "an MS-DOS directory attribute on a file with content (a file to Python)",
            () => PluginZip(zip => zip.Add("helper.py", "x = 1\n").With(e => { e.VersionMadeBy = 20; e.ExternalAttributes = 0x10; })));
        yield return ZipCase("names", "file-folder-pair", true, "main.py is a file and a folder",
            () => PluginZip(zip => zip.Add("main.py/x.py", "x = 1\n")));
        yield return ZipCase("names", "long-name", true, "a 300-character name component",
            () => PluginZip(zip => zip.Add("lib/" + new string('a', 300) + ".py", "x = 1\n")));
        yield return ZipCase("names", "reserved-windows-name", null, "lib/CON.py, which Windows cannot create",
            () => PluginZip(zip => zip.Add("lib/CON.py", "x = 1\n")));
        yield return ZipCase("names", "trailing-dot", null, "a folder named 'lib.', which Windows strips",
            () => PluginZip(zip => zip.Add("lib./x.py", "x = 1\n")));
        yield return ZipCase("names", "nfc-nfd-twins", null, "caf\u00e9.py twice, composed and decomposed",
            () => PluginZip(zip => { zip.Add("caf\u00e9.py", "x = 1\n"); zip.Add("cafe\u0301.py", "x = 2\n"); }));
        yield return ZipCase("names", "local-central-mismatch", true, "the central directory says main.py, the local header evil.py",
            () => PluginZip(zip => zip.Entries.Single(e => e.Name == "main.py").LocalNameBytes = Encoding.UTF8.GetBytes("evil.py")));

        // 7. Interpolation: each option refers to the next ten times, so expanding one costs 10^depth.
        yield return new HostileCase("interpolation", "config-bomb", HostileKind.Config, true, "8 levels of options each referring to the next ten times",
            () => new[] { ("policy.cfg", Encoding.UTF8.GetBytes(InterpolationBomb(8))) });
        yield return ZipCase("interpolation", "default-cfg-bomb", true, "a default.cfg 7 levels deep inside a zip",
            () => PluginZip(("default.cfg", InterpolationBomb(7))));
        // Every section inherits every [DEFAULT] option: judged pair by pair, sections times options is 4 * 10^8 reads.
        yield return new HostileCase("interpolation", "default-times-sections", HostileKind.Config, null, "20,000 sections inheriting 20,000 [DEFAULT] options",
            () => new[] { ("policy.cfg", Encoding.UTF8.GetBytes(WideInheritance(20_000, "x", string.Empty))) });
        yield return new HostileCase("interpolation", "default-references-times-sections", HostileKind.Config, true,
            "20,000 sections overriding the option that 20,000 [DEFAULT] values refer to, so each inherited value reads differently in each",
            () => new[] { ("policy.cfg", Encoding.UTF8.GetBytes(WideInheritance(20_000, "%(a)s", "a = {0}\n"))) });

        // 8. Writes: special files in a plugin folder; links in a destination are set up by the tests.
        yield return new HostileCase("writes", "fifo-main", HostileKind.Folder, true, "main.py is a FIFO: opening it blocks",
            () => PluginFiles()) { FifoPath = "main.py" };
        yield return ZipCase("writes", "entry-under-lib", false, "a good plugin with lib/x.py: expanded with -Force into a destination whose lib is a link",
            () => PluginZip(zip => zip.Add("lib/x.py", "x = 1\n")));

        // 9. Plugin names as paths: the simulator derives the state directory from the name.
        yield return NameCase("dotdot-name", "../../x");
        yield return NameCase("absolute-name", "/tmp/x");

        // 4-6. Plugin code run by the simulator: it must not hang, leak or outlive the call.
        yield return PluginCodeCase("timeouts", "setsid-daemon", true, "forks a setsid daemon that holds stdout/stderr, then never returns",
            "        import os, time\n" +
            "        if os.fork() == 0:\n" +
            "            os.setsid()\n" +
            "            if os.fork() == 0:\n" +
            "                pidfile = self.configuration.split('pidfile=')[-1].strip()\n" +
            "                if pidfile:\n" +
            "                    open(pidfile, 'w').write(str(os.getpid()))\n" +
            "                time.sleep(600)\n" +
            "            os._exit(0)\n" +
            "        time.sleep(600)\n");
        yield return PluginCodeCase("secrets", "environment-canary", false, "reports the caller's " + CanaryVariable + " if it can see it",
            "        import os\n        return {'verdict': 'DENY', 'reason': 'saw ' + os.environ.get('" + CanaryVariable + "', 'nothing')}\n");
        yield return PluginCodeCase("secrets", "echo-answer", true, "asks for a password, then puts it in its reason, its log and an exception",
            "        import sys\n" +
            "        answer = (key_value_pairs or {}).get('otp')\n" +
            "        if not answer:\n" +
            "            return {'verdict': 'NEEDINFO', 'question': ('otp', 'One-time password: ', True), 'cookie': cookie}\n" +
            "        sys.stderr.write('got ' + answer + '\\n')\n" +
            "        raise ValueError('wrong password ' + answer)\n");
        yield return PluginCodeCase("resources", "huge-cookie", true, "a 40 MB cookie, past the 16 MiB a result may be",
            "        return {'verdict': 'ACCEPT', 'cookie': {'blob': 'x' * 40000000}}\n");
    }

    private static HostileCase FolderCase(string hazardClass, string name, bool? refused, string description, (string Path, string Text) file) =>
        new(hazardClass, name, HostileKind.Folder, refused, description, () => PluginFiles(file));

    /// <summary>A plugin whose name is a path: validation refuses it and the simulator must refuse it before any use.</summary>
    private static HostileCase NameCase(string name, string pluginName) =>
        new("plugin-names", name, HostileKind.Folder, true, "name: " + pluginName,
            () => PluginFiles(("MANIFEST", GoodManifest.Replace("name: hostile_case", "name: " + pluginName)))) { Hook = "authenticate", HookFails = true };

    /// <summary>
    /// A zip case. A refused archive hazard (zip accounting, names) must also stop extraction; a refused
    /// plugin inside a sound archive (a MANIFEST or default.cfg SPS rejects) extracts safely like any zip.
    /// </summary>
    private static HostileCase ZipCase(string hazardClass, string name, bool? refused, string description, Func<ZipBuilder> zip) =>
        new(hazardClass, name, HostileKind.Zip, refused, description, () => new[] { ("plugin.zip", zip().Build()) })
        {
            ExtractionRefused = refused == true && hazardClass is "zip-accounting" or "names",
        };

    /// <summary>Plugin code that validates (the hazard is in what it does) with the body of its authenticate hook.</summary>
    private static HostileCase PluginCodeCase(string hazardClass, string name, bool hookFails, string description, string authenticateBody) =>
        new(hazardClass, name, HostileKind.Folder, false, description, () => PluginFiles(("main.py",
            Shebang +
            "class Plugin(object):\n" +
            "    def __init__(self, configuration):\n" +
            "        self.configuration = configuration\n\n" +
            "    def authenticate(self, key_value_pairs, cookie):\n" + authenticateBody))) { Hook = "authenticate", HookFails = hookFails };

    /// <summary>The good plugin's files with some replaced or added.</summary>
    public static IReadOnlyList<(string Path, byte[] Content)> PluginFiles(params (string Path, string Text)[] overrides)
    {
        var files = new List<(string Path, string Text)> { ("MANIFEST", GoodManifest), ("main.py", GoodMain), ("default.cfg", GoodConfig) };
        foreach (var (path, text) in overrides)
        {
            files.RemoveAll(f => f.Path == path);
            files.Add((path, text));
        }
        return files.Select(f => (f.Path, Encoding.UTF8.GetBytes(f.Text))).ToArray();
    }

    /// <summary>The good plugin as a byte-level zip, with some files replaced (by name) or added.</summary>
    public static ZipBuilder PluginZip(params (string Path, string Text)[] overrides)
    {
        var zip = new ZipBuilder();
        foreach (var (path, content) in PluginFiles(overrides))
        {
            zip.Add(path, content);
        }
        return zip;
    }

    /// <summary>The good plugin as a byte-level zip, then <paramref name="forge"/> adds or breaks entries.</summary>
    public static ZipBuilder PluginZip(Action<ZipBuilder> forge)
    {
        var zip = PluginZip();
        forge(zip);
        return zip;
    }

    private static void Zip64Entry(ZipBuilder zip, ulong declaredSize) =>
        zip.Add("data.bin", "x = 1\n").With(e => { e.Zip64Uncompressed = true; e.UncompressedSize = declaredSize; });

    private static ZipBuilder OverlappingEntries() => PluginZip(zip =>
    {
        var zeros = zip.Add("data/zeros.bin", new byte[MiB]);
        for (var i = 0; i < 1000; i++)
        {
            zip.AddSharing(zeros, $"data/copy{i:D4}.bin");
        }
        // A directory whose ZIP64 size is negative as a signed number: a reader that sums signed sizes sees a small total.
        zip.AddFolder("data/").With(e => { e.Zip64Uncompressed = true; e.UncompressedSize = unchecked((ulong)(-1001L * MiB)); });
    });

    /// <summary>Options o0..o9 at each level refer to every option of the next level; the last level is plain.</summary>
    public static string InterpolationBomb(int depth)
    {
        var text = new StringBuilder("[bomb]\n");
        for (var level = 0; level < depth; level++)
        {
            var references = string.Concat(Enumerable.Range(0, 10).Select(i => $"%(l{level + 1}o{i})s"));
            for (var option = 0; option < 10; option++)
            {
                text.Append($"l{level}o{option} = {references}\n");
            }
        }
        for (var option = 0; option < 10; option++)
        {
            text.Append($"l{depth}o{option} = x\n");
        }
        return text.ToString();
    }

    /// <summary>[DEFAULT] with <paramref name="count"/> options d0.. of <paramref name="value"/>, then as many sections, each with <paramref name="ownFormat"/> (section number as {0}).</summary>
    public static string WideInheritance(int count, string value, string ownFormat)
    {
        var text = new StringBuilder("[DEFAULT]\n");
        for (var i = 0; i < count; i++)
        {
            text.Append($"d{i} = {value}\n");
        }
        for (var i = 0; i < count; i++)
        {
            text.Append($"[s{i}]\n").Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, ownFormat, i));
        }
        return text.ToString();
    }

    /// <summary><paramref name="text"/> <paramref name="count"/> times (none for a count below one).</summary>
    public static string Repeat(string text, int count) => count <= 0 ? string.Empty : new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
