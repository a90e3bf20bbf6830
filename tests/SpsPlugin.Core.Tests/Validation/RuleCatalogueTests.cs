using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.Tests.Bundles;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Validation;

/// <summary>
/// One failing and one passing case per rule of the catalogue: the good plugin of
/// <see cref="PluginBuilder"/> passes every rule; each case breaks it in one way and expects that
/// rule's id. A rule added to the catalogue without a case here fails <see cref="EveryRuleHasACase"/>.
/// </summary>
public sealed class RuleCatalogueTests : IDisposable
{
    private static readonly SpsRelease Target = SpsRelease.Find("8.0")!;

    // Rules without a failing case, and why.
    private static readonly Dictionary<string, string> Exempt = ExemptRules();

    private static Dictionary<string, string> ExemptRules()
    {
        var exempt = new Dictionary<string, string>();
        if (Path.DirectorySeparatorChar == '\\')
        {
            exempt["StructureSpecialFile"] = "FIFOs made with mkfifo exist only on Unix";
            exempt["ReadFailed"] = "the unreadable entry is a tree deeper than PATH_MAX, made with sh (the tests run as root, who can read every file)";
        }
        return exempt;
    }

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static IEnumerable<object[]> RuleIds() => SpsPluginValidator.Catalogue.Where(r => !Exempt.ContainsKey(r.Id)).Select(r => new object[] { r.Id });

    public static IEnumerable<object[]> ExemptRuleIds() => SpsPluginValidator.Catalogue.Where(r => Exempt.ContainsKey(r.Id)).Select(r => new object[] { r.Id });

    [Fact]
    public void EveryRuleHasACase()
    {
        var missing = SpsPluginValidator.Catalogue.Select(r => r.Id).Where(id => !Cases.ContainsKey(id) && !Exempt.ContainsKey(id)).ToArray();
        Assert.Empty(missing);
        Assert.Equal(SpsPluginValidator.Catalogue.Count, SpsPluginValidator.Catalogue.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void TheGoodPluginPassesEveryRuleAsAFolderAndAsAZip()
    {
        foreach (var path in new[] { new PluginBuilder().WriteFolder(_temp), new PluginBuilder().WriteZip(_temp) })
        {
            var result = SpsPluginValidator.Validate(path, Options());
            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
            Assert.DoesNotContain(result.Diagnostics, d => d.Severity != Severity.Information);
        }
    }

    [Fact]
    public void WithoutPythonPluginAndHooksAreCheckedByTheirText()
    {
        var noPython = Options(python: false);
        var good = SpsPluginValidator.Validate(new PluginBuilder().WriteZip(_temp), noPython);
        Assert.True(good.IsValid, string.Join("\n", good.Diagnostics));
        Assert.Contains(good.Diagnostics, d => d.RuleId == "PythonUnavailable");
        var noHook = SpsPluginValidator.Validate(
            Zip(_temp, b => b.Set("good_plugin/plugin.py", PluginBuilder.GoodPluginModule.Replace("def authenticate", "def authenticate_later"))), noPython);
        Assert.Contains(noHook.Diagnostics, d => d.RuleId == "PythonHook");
        var noPlugin = SpsPluginValidator.Validate(
            Zip(_temp, b => b.Set("main.py", "#!/usr/bin/env pluginwrapper3\nfrom good_plugin.plugin import Other\n")), noPython);
        Assert.Contains(noPlugin.Diagnostics, d => d.RuleId == "PythonPluginClass");
        var syntax = SpsPluginValidator.Validate(Zip(_temp, b => b.Set("good_plugin/plugin.py", "def broken(:\n")), noPython);
        Assert.DoesNotContain(syntax.Diagnostics, d => d.RuleId == "PythonSyntax");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    [MemberData(nameof(ExemptRuleIds), Skip = "no case can be made on this machine: RuleCatalogueTests.Exempt says why for each rule")]
    public void EachRuleFailsItsCaseAndPassesTheGoodPlugin(string ruleId)
    {
        var (path, options) = Cases[ruleId](_temp);
        var rule = SpsPluginValidator.Catalogue.Single(r => r.Id == ruleId);
        var failing = SpsPluginValidator.Validate(path, options);
        if (ruleId == "PythonGrammar" && InterpreterVersion() >= new Version(3, 12))
        {
            // Only an interpreter older than SPS 9's Python 3.12 makes this rule speak.
            Assert.DoesNotContain(failing.Diagnostics, d => d.RuleId == ruleId);
            return;
        }
        var finding = failing.Diagnostics.FirstOrDefault(d => d.RuleId == ruleId);
        Assert.True(finding != null, $"{ruleId} did not fire; found: {string.Join(" | ", failing.Diagnostics.Select(d => d.RuleId + ": " + d.Message))}");
        Assert.Equal(rule.Severity, finding!.Severity);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        Assert.False(string.IsNullOrWhiteSpace(finding.SuggestedFix));
        if (rule.Severity == Severity.Error)
        {
            Assert.False(failing.IsValid);
        }
        var passing = SpsPluginValidator.Validate(new PluginBuilder().WriteZip(_temp), Options());
        Assert.DoesNotContain(passing.Diagnostics, d => d.RuleId == ruleId);
    }

    private static SpsPluginValidationOptions Options(SpsRelease? target = null, bool python = true) =>
        new() { TargetRelease = target ?? Target, UsePython = python };

    private static Version InterpreterVersion()
    {
        var python = PythonLocator.Find();
        if (python == null)
        {
            return new Version(0, 0);
        }
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(python, "-c \"import sys; print('%d.%d' % sys.version_info[:2])\"")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return Version.Parse(text);
    }

    private static string Zip(TempFolder temp, Action<PluginBuilder> edit)
    {
        var builder = new PluginBuilder();
        edit(builder);
        return builder.WriteZip(temp);
    }

    private static string Folder(TempFolder temp, Action<PluginBuilder> edit)
    {
        var builder = new PluginBuilder();
        edit(builder);
        return builder.WriteFolder(temp);
    }

    private static string FolderWithFifo(TempFolder temp)
    {
        var folder = Folder(temp, _ => { });
        UnixFactAttribute.MakeFifo(Path.Combine(folder, "data", "pipe"));
        return folder;
    }

    private static string FolderWithDeepTree(TempFolder temp)
    {
        var folder = Folder(temp, _ => { });
        UnixFactAttribute.MakeDeepTree(Path.Combine(folder, "data"), 25);
        return folder;
    }

    private static (string, SpsPluginValidationOptions) InZip(TempFolder temp, Action<PluginBuilder> edit) => (Zip(temp, edit), Options());

    private static (string, SpsPluginValidationOptions) Config(TempFolder temp, string text) => InZip(temp, b => b.Set("default.cfg", text));

    private static (string, SpsPluginValidationOptions) Raw(TempFolder temp, Action<ZipBuilder> edit)
    {
        var zip = new PluginBuilder().RawZip();
        edit(zip);
        return (PluginBuilder.WriteBytes(temp, zip.Build()), Options());
    }

    private static (string, SpsPluginValidationOptions) Patched(TempFolder temp, Func<byte[], byte[]> patch) =>
        (PluginBuilder.WriteBytes(temp, patch(new PluginBuilder().ZipBytes())), Options());

    private static readonly Dictionary<string, Func<TempFolder, (string Path, SpsPluginValidationOptions Options)>> Cases = new()
    {
        ["ManifestRequiredKey"] = t => InZip(t, b => b.Manifest(m => m.Replace("type: aa\n", string.Empty))),
        ["ManifestEmptyValue"] = t => InZip(t, b => b.Manifest(m => m.Replace("version: '1.0.0'", "version:"))),
        ["ManifestType"] = t => InZip(t, b => b.Manifest(m => m.Replace("type: aa", "type: ticketing"))),
        ["ManifestName"] = t => InZip(t, b => b.Manifest(m => m.Replace("name: good_plugin", "name: good-plugin"))),
        ["ManifestVersion"] = t => InZip(t, b => b.Manifest(m => m.Replace("version: '1.0.0'", "version: v1.0"))),
        ["ManifestApi"] = t => InZip(t, b => b.Manifest(m => m.Replace("api: 1.6", "api: one.six"))),
        ["ManifestEntryPoint"] = t => InZip(t, b => b.Manifest(m => m.Replace("entry_point: main.py", "entry_point: 'bin/main.py'"))),
        ["ManifestEntryPointFile"] = t => InZip(t, b => b.Manifest(m => m.Replace("entry_point: main.py", "entry_point: start.py"))),
        ["ManifestAuthorEmail"] = t => InZip(t, b => b.Manifest(m => m.Replace("tests@example.com", "tests at example dot com"))),
        ["ManifestRetypedValue"] = t => InZip(t, b => b.Manifest(m => m.Replace("version: '1.0.0'", "version: 1.10"))),
        ["ManifestUnknownKey"] = t => InZip(t, b => b.Manifest(m => m + "author: someone@example.com\n")),
        ["ManifestLegacyPython2"] = t => InZip(t, b => b.Manifest(m => m.Replace("entry_point: main.py\n", string.Empty))),
        ["ReleaseTarget"] = t => (Zip(t, _ => { }), new SpsPluginValidationOptions()),
        ["ReleaseApi"] = t => InZip(t, b => b.Manifest(m => m.Replace("api: 1.6", "api: '1.9'"))),
        ["ReleaseWindow"] = t => InZip(t, b => b.Manifest(m => m + "scb_max_version: 8.0.0~\n")),
        ["ReleaseWindowFormat"] = t => InZip(t, b => b.Manifest(m => m + "scb_min_version: soon\n")),
        ["PythonUnavailable"] = t => (Zip(t, _ => { }), Options(python: false)),
        ["PythonGrammar"] = t => (Zip(t, _ => { }), Options(SpsRelease.Find("9.0"))),
        ["PythonSyntax"] = t => InZip(t, b => b.Set("good_plugin/plugin.py", PluginBuilder.GoodPluginModule + "\ndef broken(:\n    pass\n")),
        ["PythonShebang"] = t => InZip(t, b => b.Set("main.py", "from good_plugin.plugin import Plugin\n")),
        ["PythonPluginClass"] = t => InZip(t, b => b.Set("main.py", "#!/usr/bin/env pluginwrapper3\nfrom good_plugin.plugin import Other\n")),
        ["PythonHook"] = t => InZip(t, b => b.Set("good_plugin/plugin.py", PluginBuilder.GoodPluginModule.Replace("def authenticate", "def authenticate_later"))),
        ["PythonOptionalHook"] = t => InZip(t, b => b.Set("good_plugin/plugin.py", PluginBuilder.GoodPluginModule.Replace("def session_ended", "def session_over"))),
        ["PythonHookSignature"] = t => InZip(t, b => b.Set("good_plugin/plugin.py", PluginBuilder.GoodPluginModule.Replace("def authorize(self, cookie)", "def authorize(self, sessionid)"))),
        ["PythonHookName"] = t => InZip(t, b => b.Set("good_plugin/plugin.py", PluginBuilder.GoodPluginModule.Replace("def authorize", "def authorise"))),
        ["PythonVerdict"] = t => InZip(t, b => b.Set("good_plugin/plugin.py", PluginBuilder.GoodPluginModule.Replace("'ACCEPT', 'cookie'", "'ACCEPTED', 'cookie'"))),
        ["StructureMainPy"] = t => InZip(t, b => b.Remove("main.py").Set("start.py", PluginBuilder.GoodMain).Manifest(m => m.Replace("main.py", "start.py"))),
        ["StructureWrappedFolder"] = t => (new PluginBuilder().WriteZip(t, "good_plugin_folder/"), Options()),
        ["StructureSize"] = t => (Folder(t, b => b.Set("data/blob.bin", new byte[21 * 1024 * 1024])), Options()),
        ["StructureSizeNearLimit"] = t => (Folder(t, b => b.Set("data/blob.bin", new byte[20_500_000])), Options()),
        ["StructureSdkBundled"] = t => InZip(t, b => b.Set("safeguard/sessions/plugin/__init__.py", "\n")),
        ["StructureShadowedModule"] = t => InZip(t, b => b.Set("logging/__init__.py", "\n")),
        ["StructureJunk"] = t => InZip(t, b => b.Set("good_plugin/__pycache__/plugin.cpython-311.pyc", new byte[] { 1, 2, 3 })),
        ["StructureCrlfLineEnds"] = t => InZip(t, b => b.Set("default.cfg", PluginBuilder.GoodConfig.Replace("\n", "\r\n"))),
        ["StructureDefaultConfigPlugin"] = t => InZip(t, b => b.Remove("default.cfg").Set("default.cfg.plugin", PluginBuilder.GoodConfig)),
        ["ZipPathTraversal"] = t => InZip(t, b => b.Add("../evil.py", new byte[] { 0x23 })),
        ["ZipAbsolutePath"] = t => InZip(t, b => b.Add("/etc/evil.py", new byte[] { 0x23 })),
        ["ZipDrivePath"] = t => InZip(t, b => b.Add("C:/evil.py", new byte[] { 0x23 })),
        ["ZipBackslash"] = t => InZip(t, b => b.Add("good_plugin\\helper.py", new byte[] { 0x23 })),
        ["ZipSymlink"] = t => InZip(t, b => b.Add("link", Encoding.UTF8.GetBytes("/etc/passwd"), 0xA1FF)),
        ["ZipEncrypted"] = t => Patched(t, bytes => SetFlagOfLastCentralEntry(bytes, 1)),
        ["ZipCompressionRatio"] = t => InZip(t, b => b.Add("data/zeros.bin", new byte[4 * 1024 * 1024])),
        ["ZipDuplicateEntry"] = t => InZip(t, b => b.Add("main.py", Encoding.UTF8.GetBytes(PluginBuilder.GoodMain))),
        ["ZipCaseCollision"] = t => InZip(t, b => b.Add("good_plugin/Plugin.py", new byte[] { 0x23 })),
        ["ZipTooManyEntries"] = t => InZip(t, b => { for (var i = 0; i <= ZipTooManyEntriesLimit; i++) { b.Add($"many/{i}.txt", Array.Empty<byte>()); } }),
        ["ZipControlCharacter"] = t => InZip(t, b => b.Add("good_plugin/evil\u0001.py", new byte[] { 0x23 })),
        ["ZipLocalName"] = t => Raw(t, z => z.Entries[z.Entries.Count - 1].LocalNameBytes = Encoding.UTF8.GetBytes("other.cfg")),
        ["ZipDirectoryData"] = t => Raw(t, z => z.Add("data/", "hidden bytes", deflate: false)),
        ["ZipFileFolderClash"] = t => InZip(t, b => b.Add("main.py/helper.py", new byte[] { 0x23 })),
        ["ZipUnextractableName"] = t => InZip(t, b => b.Add("good_plugin/" + new string('a', 256) + ".py", new byte[] { 0x23 })),
        ["ZipLongPath"] = t => InZip(t, b => b.Add(string.Concat(Enumerable.Repeat(new string('d', 50) + "/", 6)) + "x.py", new byte[] { 0x23 })),
        ["ZipReservedName"] = t => InZip(t, b => b.Add("good_plugin/nul.py", new byte[] { 0x23 })),
        ["ZipTrailingDotSpace"] = t => InZip(t, b => b.Add("docs./readme.txt", new byte[] { 0x23 })),
        ["ZipWindowsCharacter"] = t => InZip(t, b => b.Add("good_plugin/notes:stream.txt", new byte[] { 0x23 })),
        ["StructureGitSymlink"] = t => InZip(t, b => b.Set("helper.py", "good_plugin/plugin.py")),
        ["ReadFailed"] = t => (FolderWithDeepTree(t), Options()),
        ["ZipNormalizationCollision"] = t => InZip(t, b => b.Add("caf\u00e9.txt", new byte[] { 0x23 }).Add("cafe\u0301.txt", new byte[] { 0x23 })),
        ["PathNotFound"] = t => (t.Combine("no-such-plugin"), Options()),
        ["ZipNotZip"] = t => (t.Write("notazip.zip", "just text"), Options()),
        ["ZipCorrupt"] = t => Patched(t, bytes => bytes.Take(bytes.Length - 30).ToArray()),
        ["ZipBadCrc"] = t => Patched(t, bytes => BreakCrcOfFirstEntry(bytes)),
        ["ZipUnreadableEntry"] = t => Patched(t, bytes => SetMethodOfFirstEntry(bytes, 12)),
        ["ManifestNotFound"] = t => InZip(t, b => b.Remove("MANIFEST")),
        ["ManifestSyntaxError"] = t => InZip(t, b => b.Manifest(m => m.Replace("entry_point: main.py", "entry_point=main.py"))),
        ["ManifestEmpty"] = t => InZip(t, b => b.Set("MANIFEST", "# nothing here\n")),
        ["ManifestNotMapping"] = t => InZip(t, b => b.Set("MANIFEST", "just a sentence\n")),
        ["ManifestDuplicateKey"] = t => InZip(t, b => b.Manifest(m => m + "name: again\n")),
        ["ManifestUnsupportedConstruct"] = t => InZip(t, b => b.Manifest(m => m + "extra:\n  nested: value\n")),
        ["ManifestTooDeep"] = t => InZip(t, b => b.Manifest(m => m + "extra: " + new string('[', 100_000) + new string(']', 100_000) + "\n")),
        ["ManifestEncoding"] = t => InZip(t, b => b.Set("MANIFEST", new byte[] { 0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xFF, 0x0A })),
        ["ConfigSyntaxError"] = t => Config(t, "[good]\nthis line has no delimiter\n"),
        ["ConfigMissingSectionHeader"] = t => Config(t, "timeout=60\n[good]\n"),
        ["ConfigDuplicateSection"] = t => Config(t, "[good]\n[good]\n"),
        ["ConfigDuplicateOption"] = t => Config(t, "[good]\ntimeout=1\nTimeout=2\n"),
        ["ConfigEncoding"] = t => InZip(t, b => b.Set("default.cfg", new byte[] { 0x5B, 0x61, 0x5D, 0x0A, 0x61, 0x3D, 0xE9, 0x0A })),
        [SpsPluginConfigRules.SecretSectionName] = t => Config(t, "[credential_store]\nname=store\n[good_plugin]\npassword=$\n"),
        [SpsPluginConfigRules.SecretWithoutStore] = t => Config(t, "[good-plugin]\npassword=$\n"),
        [SpsPluginConfigRules.Placeholder] = t => Config(t, "[good]\ntoken=<api-token>\n"),
        [SpsPluginConfigRules.Interpolation] = t => Config(t, "[good]\nprompt=100% sure\n"),
        ["StructureSpecialFile"] = t => (FolderWithFifo(t), Options()),
        [SpsPluginConfigRules.InterpolationTooLarge] = t => Config(t, Tests.Config.InterpolationBoundsTests.Bomb(7)),
        [SpsPluginConfigRules.Boolean] = t => Config(t, "[auth]\ndisable_echo=true\n"),
        [SpsPluginConfigRules.LogLevel] = t => Config(t, "[logging]\nlog_level=chatty\n"),
        [SpsPluginConfigRules.Number] = t => Config(t, "[good]\n; timeout=60\ntimeout=sixty\n"),
        [SpsPluginConfigRules.PlaintextSecret] = t => Config(t, "[credential_store]\nname=store\n[good]\n; token=$\ntoken=literal\n"),
    };

    private const int ZipTooManyEntriesLimit = 10_000;

    private static int CentralEntry(byte[] bytes, int which)
    {
        var at = -1;
        for (var i = 0; i <= which; i++)
        {
            at = ZipBuilder.IndexOf(bytes, new byte[] { 0x50, 0x4B, 0x01, 0x02 }, at + 1);
        }
        return at;
    }

    private static byte[] SetFlagOfLastCentralEntry(byte[] bytes, byte flag)
    {
        var copy = (byte[])bytes.Clone();
        copy[CentralEntry(copy, new PluginBuilder().Entries.Count - 1) + 8] |= flag;
        return copy;
    }

    // The first entry is MANIFEST: its method (offset 10 in the central header, 8 in the local one) becomes bzip2.
    private static byte[] SetMethodOfFirstEntry(byte[] bytes, byte method)
    {
        var copy = (byte[])bytes.Clone();
        copy[CentralEntry(copy, 0) + 10] = method;
        copy[8] = method;
        return copy;
    }

    // The data stays intact; the CRC-32 the directory records for MANIFEST (offset 16) no longer matches it.
    private static byte[] BreakCrcOfFirstEntry(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        copy[CentralEntry(copy, 0) + 16] ^= 0x55;
        return copy;
    }
}
