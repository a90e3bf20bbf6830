using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Config;

/// <summary>
/// Issue 13, file semantics: an object knows the file it came from and refuses to write over a file
/// that changed since; new names that look like typos are reported; -WhatIf text says old -> new and
/// the kind of edit; an edit of a duplicated option repairs the file. Each class of problem is a
/// generated set of cases, not one example.
/// </summary>
public sealed class ConfigFileSemanticsTests : System.IDisposable
{
    private const string Base = "[logging]\nlog_level = info\n\n[auth]\n; max_attempts=3\nhttps_proxy = p\nserver_timeout = 5\n";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AnObjectFromAFileWritesItBackWhileItIsUnchangedAndNotAfterAChange()
    {
        var path = _temp.Write("a.cfg", Base);
        var config = SpsPluginConfig.Load(path);
        Assert.Equal(path, config.SourceFile);
        var saved = config.Set("auth", "max_attempts", "5").SaveToSource(force: false);
        Assert.Contains("max_attempts=5", File.ReadAllText(path));

        // The object passed on after a write checks against what was written; the stale one does not.
        saved.Set("auth", "max_attempts", "6").SaveToSource(force: false);
        var stale = Assert.Throws<SpsPluginException>(() => config.Set("auth", "max_attempts", "7").SaveToSource(force: false));
        Assert.Equal(SpsPluginErrorId.ConfigFileChanged, stale.ErrorId);
        Assert.Contains(path, stale.Message);
        Assert.Contains("max_attempts=6", File.ReadAllText(path));

        File.Delete(path);
        Assert.Equal(SpsPluginErrorId.ConfigFileChanged, Assert.Throws<SpsPluginException>(() => saved.SaveToSource(force: false)).ErrorId);
        config.SaveToSource(force: true);
        Assert.Equal(Base, File.ReadAllText(path));
    }

    [Fact]
    public void TextAndPluginEntriesHaveNoFileToWriteBack()
    {
        Assert.Null(SpsPluginConfig.Parse(Base).SourceFile);
        Assert.Null(SpsPluginConfig.FromBytes(System.Text.Encoding.UTF8.GetBytes(Base), _temp.Combine("p.zip"), "default.cfg").SourceFile);
        // A plugin folder's default.cfg is the template policies are made from: it is not written back either.
        var folder = Path.GetDirectoryName(_temp.Write("plugin/default.cfg", Base))!;
        Assert.Null(SpsPluginConfig.FromBytes(File.ReadAllBytes(Path.Combine(folder, "default.cfg")), folder, "default.cfg").SourceFile);
        Assert.Equal(SpsPluginErrorId.SavePathMissing, Assert.Throws<SpsPluginException>(() => SpsPluginConfig.Parse(Base).SaveToSource(force: true)).ErrorId);
    }

    /// <summary>Every kind of look-alike of an existing section, and of an existing option.</summary>
    public static IEnumerable<object[]> LookAlikes()
    {
        foreach (var section in new[] { "Logging", "LOGGING", "loging", "logginng" })
        {
            yield return new object[] { section, "log_level", "[logging]" };
        }
        foreach (var option in new[] { "https-proxy", "HTTPS-Proxy", "http_proxy", "server_timout", "server-timeuot", "max-attempts" })
        {
            yield return new object[] { "auth", option, option.StartsWith("max", System.StringComparison.Ordinal) ? "max_attempts" : option.Contains("tim") ? "server_timeout" : "https_proxy" };
        }
    }

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void ANewNameThatLooksLikeAnExistingOneIsSuspicious(string section, string name, string existing)
    {
        var suspicion = Assert.Single(SpsPluginConfig.Parse(Base).NameSuspicions(section, name));
        Assert.Equal(SpsPluginErrorId.ConfigNameSuspicious.Id, suspicion.RuleId);
        Assert.Equal(Severity.Warning, suspicion.Severity);
        Assert.Contains(existing.Trim('[', ']'), suspicion.Message);
    }

    [Theory]
    [InlineData("logging", "log_level")]
    [InlineData("auth", "HTTPS_PROXY")]
    [InlineData("auth", "max_attempts")]
    [InlineData("auth", "ikey")]
    [InlineData("radius", "secret")]
    [InlineData("DEFAULT", "x")]
    public void ExistingNamesAndClearlyNewOnesAreNot(string section, string name) =>
        Assert.Empty(SpsPluginConfig.Parse(Base).NameSuspicions(section, name));

    [Fact]
    public void NamesTheReferenceDoesNotKnowAreSuspicious()
    {
        var reference = SpsPluginConfig.Parse(Base + "[radius]\n; secret=<secret>\n");
        var policy = SpsPluginConfig.Parse("[auth]\nhttps_proxy = q\n");
        Assert.Empty(policy.NameSuspicions("radius", "secret", reference));
        Assert.Contains("reference", Assert.Single(policy.NameSuspicions("auth", "proxy_port", reference)).Message);
        Assert.Contains("reference", Assert.Single(policy.NameSuspicions("ldap", null, reference)).Message);
        Assert.Single(SpsPluginConfig.Parse(Base).MergeSuspicions(SpsPluginConfig.Parse("[Logging]\nlog_level = debug\nfoo = 1\n")));
    }

    [Fact]
    public void TheWhatIfTextSaysOldToNewAndTheKindOfEditAndMasksSecrets()
    {
        var config = SpsPluginConfig.Parse(Base + "[api]\npassword = hunter2\n");
        Assert.Equal("[logging] log_level: 'info' -> 'debug' (line 2)", config.DescribeSet("logging", "log_level", "debug"));
        Assert.Equal("[auth] max_attempts: enable the commented template on line 5 ('3') as '9'", config.DescribeSet("auth", "max_attempts", "9"));
        Assert.StartsWith("[auth] port: add a line with '1'", config.DescribeSet("auth", "port", "1"));
        Assert.Equal("append a new section [ldap] with port = '1'", config.DescribeSet("ldap", "port", "1"));
        var secret = config.DescribeSet("api", "password", "s3cr3t");
        Assert.DoesNotContain("hunter2", secret);
        Assert.DoesNotContain("s3cr3t", secret);
        Assert.Contains(SecretMask.Text + " -> " + SecretMask.Text, secret);
    }

    /// <summary>Duplicates of one option in the shapes a hand edit leaves: twice, three times, with continuation lines, indented.</summary>
    public static IEnumerable<object[]> Duplicates() => new[]
    {
        new object[] { "[auth]\nuser = a\nuser = b\nother = 1\n" },
        new object[] { "[auth]\nuser = a\nother = 1\nUser = b\nuser: c\n" },
        new object[] { "[auth]\nuser = a\nuser = b\n  continued\n\n  after a blank\nother = 1\n" },
        new object[] { "[auth]\n  user = a\n  user = b\nother = 1\n" },
    };

    [Theory]
    [MemberData(nameof(Duplicates))]
    public void EditingTheDuplicatedOptionRepairsTheFile(string text)
    {
        var broken = SpsPluginConfig.Parse(text);
        Assert.Equal(SpsPluginErrorId.ConfigDuplicateOption.Id, Assert.Single(broken.Diagnostics).RuleId);

        var set = broken.Set("auth", "user", "c");
        Assert.True(set.IsReadable, string.Join("; ", set.Diagnostics));
        Assert.Equal("c", set.GetOption("auth", "user")!.Value);
        Assert.Equal(text.Split('\n').Length, set.Text.Split('\n').Length);

        var disabled = broken.Disable("auth", "user");
        Assert.True(disabled.IsReadable);
        Assert.Null(disabled.GetOption("auth", "user"));
    }

    [Theory]
    [MemberData(nameof(Duplicates))]
    public void AnEditOfAnotherOptionStillRefusesTheFile(string text)
    {
        var failure = Assert.Throws<SpsPluginException>(() => SpsPluginConfig.Parse(text).Set("auth", "other", "2"));
        Assert.Equal(SpsPluginErrorId.ConfigEditRejected, failure.ErrorId);
        Assert.Contains("appears again", failure.Message);
    }

    /// <summary>Duplicated sections as hand edits leave them, with the sections that must stay (comments above a header belong to it).</summary>
    public static IEnumerable<object[]> DuplicateSections() => new[]
    {
        new object[] { "[a]\nx = 1\n[b]\ny = 1\n[a]\nz = 1\n", "b" },
        new object[] { "[a]\nx = 1\n\n; about b\n[b]\ny = 1\n[a]\nz = 1\n; about c\n[c]\nw = 1\n[a]\nq = 1\n", "b,c" },
        new object[] { "[b]\ny = 1\n[a]\nx = 1\n[a]\n  z = 1\n    continued\n[c]\nw = 1\n", "b,c" },
    };

    [Theory]
    [MemberData(nameof(DuplicateSections))]
    public void RemovingTheDuplicatedSectionRepairsTheFile(string text, string staying)
    {
        var broken = SpsPluginConfig.Parse(text);
        Assert.Equal(SpsPluginErrorId.ConfigDuplicateSection.Id, Assert.Single(broken.Diagnostics).RuleId);
        var removed = broken.RemoveSection("a");
        Assert.True(removed.IsReadable, string.Join("; ", removed.Diagnostics));
        Assert.Equal(staying, string.Join(",", removed.Sections.Select(s => s.Name)));
        Assert.Equal(text.Contains("; about c"), removed.Text.Contains("; about c\n[c]"));
        Assert.Equal(SpsPluginErrorId.ConfigEditRejected, Assert.Throws<SpsPluginException>(() => broken.RemoveSection("b")).ErrorId);
    }

    [Fact]
    public void ADuplicatedSectionWhoseEndCannotBeToldIsNotRemoved()
    {
        var broken = SpsPluginConfig.Parse("[a]\nx = 1\n[a]\ny = 1\ny = 2\n[b]\nz = 1\n");
        Assert.Equal(SpsPluginErrorId.ConfigEditRejected, Assert.Throws<SpsPluginException>(() => broken.RemoveSection("a")).ErrorId);
    }

    [PythonTheory]
    [MemberData(nameof(DuplicateSections))]
    public void ConfigparserReadsTheFileWithoutTheRemovedSection(string text, string staying)
    {
        var path = _temp.Write("removed.cfg", SpsPluginConfig.Parse(text).RemoveSection("a").Text);
        Assert.Equal(staying, PythonScript.Run("import configparser, sys\np = configparser.ConfigParser()\np.read(sys.argv[1], encoding='utf-8')\nprint(','.join(p.sections()))\n", path));
    }

    [PythonTheory]
    [MemberData(nameof(Duplicates))]
    public void ConfigparserReadsTheRepairedFileWithTheNewValue(string text)
    {
        var path = _temp.Write("repaired.cfg", SpsPluginConfig.Parse(text).Set("auth", "user", "new value").Text);
        Assert.Equal("new value", ConfigparserGet(path, "auth", "user"));
    }

    private static string ConfigparserGet(string path, string section, string option) =>
        PythonScript.Run("import configparser, sys\np = configparser.ConfigParser()\np.read(sys.argv[1], encoding='utf-8')\nprint(p.get(sys.argv[2], sys.argv[3]))\n",
            path, section, option);
}
