using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.Tests.Support;
using Xunit;

namespace SpsPlugin.Tests.Scaffolding;

public sealed class ScaffolderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly string[] Targets = { "6.0", "7.4", "8.0", "9.0" };

    public static IEnumerable<object[]> TemplatesAndTargets() =>
        from template in SpsPluginTemplate.BuiltIn
        from target in Targets
        select new object[] { template.Name, target };

    public static IEnumerable<object[]> TemplateNames() => SpsPluginTemplate.BuiltIn.Select(t => new object[] { t.Name });

    private SpsPluginScaffoldOptions Options(string template = "aa-minimal", string target = "9.0", string name = "my_plugin") => new()
    {
        Name = name,
        Template = SpsPluginTemplate.Find(template),
        ParentPath = _temp.Path,
        Release = SpsRelease.Find(target)!,
        Author = "Dev Team",
        AuthorEmail = "dev@example.com",
    };

    private static IReadOnlyList<SpsPluginScaffoldFile> WriteAll(SpsPluginScaffoldOptions options, bool force = false)
    {
        var files = SpsPluginScaffolder.Plan(options);
        foreach (var file in files)
        {
            SpsPluginScaffolder.Write(file, force);
        }
        return files;
    }

    [Fact]
    public void TheBuiltInTemplatesAreTheFiveTheIssueNames()
    {
        Assert.Equal(new[] { "aa-mfa", "aa-minimal", "aa-ticket", "credentialstore", "credentialstore-sdk" }, SpsPluginTemplate.BuiltIn.Select(t => t.Name));
        Assert.Equal(new[] { "aa-mfa", "credentialstore-sdk" }, SpsPluginTemplate.BuiltIn.Where(t => t.RequiresSdk).Select(t => t.Name));
        Assert.All(SpsPluginTemplate.BuiltIn, t => Assert.Contains(t.Files, f => f.Key == "MANIFEST"));
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void EveryTemplateKeepsLfLineEndsInGitOnEveryOs(string template)
    {
        // A Windows checkout with core.autocrlf=true would otherwise pack CRLF text: other CRCs than Linux.
        var options = Options(template);
        WriteAll(options);
        var attributes = File.ReadAllLines(Path.Combine(SpsPluginScaffolder.ProjectPath(options), ".gitattributes"));
        Assert.Contains("* text=auto eol=lf", attributes);
        Assert.Contains("*.zip binary", attributes);
    }

    [Theory]
    [MemberData(nameof(TemplatesAndTargets))]
    public void EveryTemplateValidatesForItsTargetAndPacksIntoAZipThatValidatesAgain(string template, string target)
    {
        var options = Options(template, target);
        WriteAll(options);
        var project = SpsPluginScaffolder.ProjectPath(options);
        var validation = new SpsPluginValidationOptions { TargetRelease = SpsRelease.Find(target) };

        var folderResult = SpsPluginValidator.Validate(project, validation);
        Assert.True(folderResult.IsValid, string.Join("\n", folderResult.Diagnostics));
        Assert.DoesNotContain(folderResult.Diagnostics, d => d.Severity == Severity.Warning);

        var pack = new SpsPluginPackOptions { DestinationPath = _temp.Combine("dist", template + target + ".zip"), Validation = validation };
        var bundle = SpsPluginPacker.Write(SpsPluginPacker.Plan(project, pack), pack);
        var zipResult = SpsPluginValidator.Validate(bundle.Path, validation);
        Assert.True(zipResult.IsValid, string.Join("\n", zipResult.Diagnostics));
        // Development files stay out of the bundle.
        Assert.DoesNotContain(bundle.Entries, e => e.Path.StartsWith("tests/", StringComparison.Ordinal) || e.Path is "Pipfile" or "conftest.py" or ".gitignore" or ".gitattributes" or "README.md");
    }

    [Theory]
    [InlineData("6.0", "1.1", "3.6", "1.1.4")]
    [InlineData("7.4", "1.7", "3.10", "1.7.1")]
    [InlineData("9.0", "1.9", "3.12", "1.9.0")]
    public void TheTargetReleaseSetsApiPythonAndTheSdkPinInDevPackagesOnly(string target, string api, string python, string sdk)
    {
        var options = Options("aa-mfa", target);
        WriteAll(options);
        var project = SpsPluginScaffolder.ProjectPath(options);
        var manifest = SpsPluginManifest.Load(Path.Combine(project, "MANIFEST"));
        Assert.Equal(api, manifest.Api);
        Assert.Equal("0.1.0", manifest.Version);
        Assert.Equal("my_plugin", manifest.Name);
        Assert.Equal("main.py", manifest.EntryPoint);
        Assert.Equal("dev@example.com", manifest.AuthorEmail);

        var pipfile = File.ReadAllText(Path.Combine(project, "Pipfile"));
        Assert.Contains($"python_version = \"{python}\"", pipfile);
        var devPackages = pipfile.Substring(pipfile.IndexOf("[dev-packages]", StringComparison.Ordinal));
        var packages = pipfile.Substring(0, pipfile.IndexOf("[dev-packages]", StringComparison.Ordinal));
        Assert.Contains($"oneidentity-safeguard-sessions-plugin-sdk = \"=={sdk}\"", devPackages);
        Assert.DoesNotContain("oneidentity-safeguard-sessions-plugin-sdk =", packages);
    }

    [Theory]
    [MemberData(nameof(TemplatesAndTargets))]
    public void GeneratedTextIsUtf8WithoutBomWithLfLineEndsAndNoPlaceholdersLeft(string template, string target)
    {
        foreach (var file in SpsPluginScaffolder.Plan(Options(template, target)))
        {
            Assert.False(file.Content.Length >= 3 && file.Content[0] == 0xEF && file.Content[1] == 0xBB, file.RelativePath);
            var text = new UTF8Encoding(false, true).GetString(file.Content);
            Assert.DoesNotContain("\r", text);
            Assert.DoesNotContain("{{", text);
            Assert.DoesNotContain("{{", file.RelativePath);
        }
    }

    /// <summary>
    /// The target release changes only the files that name it, so a template's generated scenarios and
    /// pytest tests, run at one target (the cmdlet tests do), speak for every target.
    /// </summary>
    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void OnlyManifestPipfileAndReadmeDependOnTheTarget(string template)
    {
        var plans = Targets.Select(target => SpsPluginScaffolder.Plan(Options(template, target)).ToDictionary(f => f.RelativePath, f => f.Content)).ToArray();
        foreach (var plan in plans.Skip(1))
        {
            Assert.Equal(plans[0].Keys.OrderBy(k => k, StringComparer.Ordinal), plan.Keys.OrderBy(k => k, StringComparer.Ordinal));
            var differing = plan.Where(f => !f.Value.SequenceEqual(plans[0][f.Key])).Select(f => f.Key).ToHashSet();
            Assert.Subset(new HashSet<string> { "MANIFEST", "Pipfile", "README.md" }, differing);
        }
    }

    [Fact]
    public void MainPyReExportsPluginFromThePackageNamedAfterThePlugin()
    {
        var files = SpsPluginScaffolder.Plan(Options("aa-ticket", name: "gate"));
        var main = Encoding.UTF8.GetString(files.Single(f => f.RelativePath == "main.py").Content);
        Assert.StartsWith("#!/usr/bin/env pluginwrapper3\n", main);
        Assert.Contains("from gate.plugin import Plugin", main);
        Assert.Contains(files, f => f.RelativePath == "gate/__init__.py");
        Assert.Contains(files, f => f.RelativePath.EndsWith(".scenario.psd1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1.10")]
    [InlineData("Checks: tickets # and more")]
    [InlineData("'quoted' and \"double\"")]
    public void DescriptionsAndAuthorsThatNeedYamlQuotingReadBackUnchanged(string text)
    {
        var options = Options();
        options.Description = text;
        options.Author = text;
        WriteAll(options);
        var manifest = SpsPluginManifest.Load(Path.Combine(SpsPluginScaffolder.ProjectPath(options), "MANIFEST"));
        Assert.Equal(text, manifest.Description);
        Assert.Equal(text, manifest.AuthorName);
    }

    [Fact]
    public void WithoutAnAuthorEmailManifestHasNoAuthorEmailLine()
    {
        var options = Options();
        options.AuthorEmail = null;
        var manifest = Encoding.UTF8.GetString(SpsPluginScaffolder.Plan(options).Single(f => f.RelativePath == "MANIFEST").Content);
        Assert.DoesNotContain("author_email", manifest);
        Assert.EndsWith("\n", manifest);
        Assert.DoesNotContain("\n\n", manifest);
    }

    [Fact]
    public void ARunOverTheSameProjectFindsEveryFileIdentical()
    {
        WriteAll(Options());
        Assert.All(SpsPluginScaffolder.Plan(Options()), f => Assert.Equal(SpsPluginScaffoldStatus.Identical, f.Status));
    }

    [Fact]
    public void AChangedFileIsAConflictLeftAloneUnlessForcedAndThenBackedUp()
    {
        WriteAll(Options());
        var config = _temp.Combine("my_plugin", "default.cfg");
        File.WriteAllText(config, "[mine]\nkeep=1\n");

        var files = WriteAll(Options());
        Assert.Equal(SpsPluginScaffoldStatus.Conflict, files.Single(f => f.RelativePath == "default.cfg").Status);
        Assert.Equal("[mine]\nkeep=1\n", File.ReadAllText(config));

        var forced = WriteAll(Options(), force: true);
        var replaced = forced.Single(f => f.RelativePath == "default.cfg");
        Assert.Equal(SpsPluginScaffoldStatus.Replaced, replaced.Status);
        Assert.Equal(config + ".bak", replaced.BackupPath);
        Assert.Equal("[mine]\nkeep=1\n", File.ReadAllText(config + ".bak"));
        Assert.Equal(replaced.Content, File.ReadAllBytes(config));
        Assert.Single(forced, f => f.Status == SpsPluginScaffoldStatus.Replaced);

        File.WriteAllText(config, "[mine]\nagain=1\n");
        Assert.Equal(config + ".bak1", WriteAll(Options(), force: true).Single(f => f.RelativePath == "default.cfg").BackupPath);
    }

    [Theory]
    [InlineData("1plugin")]
    [InlineData("a")]
    [InlineData("my-plugin")]
    [InlineData("my plugin")]
    [InlineData("plugin\n")]
    [InlineData("class")]
    [InlineData("tests")]
    [InlineData("json")]
    [InlineData("logging")]
    [InlineData("distutils")]
    [InlineData("safeguard")]
    public void NamesSpsOrPythonWouldRefuseAreRejectedBeforeAnythingIsWritten(string name)
    {
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginScaffolder.Plan(Options(name: name)));
        Assert.Equal(SpsPluginErrorId.PluginNameInvalid, error.ErrorId);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void AnInvalidNameGetsAUsableSuggestion()
    {
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginScaffolder.Plan(Options(name: "my-plugin")));
        Assert.Contains("'my_plugin'", error.Message);
    }

    [Fact]
    public void AnAuthorEmailTheSdkRefusesIsRejected()
    {
        var options = Options();
        options.AuthorEmail = "dev at example.com";
        Assert.Equal(SpsPluginErrorId.AuthorEmailInvalid, Assert.Throws<SpsPluginException>(() => SpsPluginScaffolder.Plan(options)).ErrorId);
    }

    private string CustomTemplate(params (string Path, string Text)[] files)
    {
        var folder = _temp.Combine("template-" + Guid.NewGuid().ToString("N"));
        _temp.Write(Path.Combine(folder, SpsPluginTemplate.DescriptorFileName), "{\"name\": \"custom\", \"type\": \"aa\", \"requiresSdk\": false, \"description\": \"A custom one\"}");
        foreach (var (path, text) in files)
        {
            _temp.Write(Path.Combine(folder, path), text);
        }
        return folder;
    }

    [Fact]
    public void ACustomTemplateFolderFillsPathsAndText()
    {
        var template = SpsPluginTemplate.Load(CustomTemplate(("{{name}}/info.txt", "{{name}} for SPS {{sps_version}}, api {{api}}\r\n")));
        Assert.Equal("custom", template.Name);
        Assert.Equal(Path.GetFullPath(Path.GetDirectoryName(template.Source + "/x")!), template.Source);
        var options = Options();
        options.Template = template;
        options.Release = SpsRelease.Find("7.4")!;
        WriteAll(options);
        Assert.Equal("my_plugin for SPS 7.4, api 1.7\n", File.ReadAllText(_temp.Combine("my_plugin", "my_plugin", "info.txt")));
    }

    [Theory]
    [InlineData("../../escaped")]
    [InlineData("sub/../../../escaped")]
    [InlineData("/tmp/escaped")]
    [InlineData("C:\\escaped")]
    public void ATemplatePathThatWouldEscapeTheProjectStopsBeforeAnythingIsWritten(string description)
    {
        // A folder cannot hold a file named "..", but a placeholder in a path can become one.
        var options = Options();
        options.Description = description;
        options.Template = SpsPluginTemplate.Load(CustomTemplate(("a-first-file.txt", "fine"), ("{{description}}.txt", "bad")));
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginScaffolder.Plan(options));
        Assert.Equal(SpsPluginErrorId.TemplateInvalid, error.ErrorId);
        Assert.Contains("{{description}}.txt", error.Message);
        Assert.False(Directory.Exists(_temp.Combine("my_plugin")));
        Assert.False(File.Exists(_temp.Combine("escaped.txt")));
    }

    [Fact]
    public void AnUnknownPlaceholderNamesTheFileAndLine()
    {
        var options = Options();
        options.Template = SpsPluginTemplate.Load(CustomTemplate(("main.py", "line one\n{{nmae}}\n")));
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginScaffolder.Plan(options));
        Assert.Equal(SpsPluginErrorId.TemplateInvalid, error.ErrorId);
        Assert.Contains("main.py, line 2", error.Message);
        Assert.Contains("{{nmae}}", error.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"name\": \"x\", \"type\": \"ticketing\", \"description\": \"d\"}")]
    [InlineData("{\"name\": \"x\", \"type\": \"aa\"}")]
    [InlineData("{\"name\": \"x\", \"type\": \"aa\", \"description\": \"d\", \"files\": []}")]
    [InlineData("{\"name\": \"x\", \"type\": \"aa\", \"description\": \"d\", \"requiresSdk\": \"no\"}")]
    [InlineData("{\"name\": \"x\", \"type\": \"aa\", \"description\": \"d\", \"minimumSdk\": \"one\"}")]
    public void ABadDescriptorIsTemplateInvalidWithTheFormatInTheMessage(string descriptor)
    {
        var folder = CustomTemplate(("MANIFEST", "name: {{name}}\n"));
        File.WriteAllText(Path.Combine(folder, SpsPluginTemplate.DescriptorFileName), descriptor);
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginTemplate.Load(folder));
        Assert.Equal(SpsPluginErrorId.TemplateInvalid, error.ErrorId);
        Assert.Contains("template.json", error.Message);
    }

    [Fact]
    public void AFolderWithoutADescriptorIsNotATemplate()
    {
        Assert.Equal(SpsPluginErrorId.PathNotFound, Assert.Throws<SpsPluginException>(() => SpsPluginTemplate.Load(_temp.Path)).ErrorId);
    }

    [Fact]
    public void AnUnknownTemplateNameListsTheTemplates()
    {
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginTemplate.Find("aa-maximal"));
        Assert.Equal(SpsPluginErrorId.TemplateNotFound, error.ErrorId);
        Assert.Contains("aa-minimal", error.Message);
    }

    [Theory]
    [InlineData("Reads C:\\Users\\x and \"\"\"quotes\"\"\"")]
    [InlineData("ends with a quote\"")]
    public void DescriptionsNeverReachPythonSource(string description)
    {
        var options = Options("aa-ticket", "9.0");
        options.Description = description;
        WriteAll(options);
        var result = SpsPluginValidator.Validate(SpsPluginScaffolder.ProjectPath(options), new SpsPluginValidationOptions { TargetRelease = SpsRelease.Find("9.0") });
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Equal(description, SpsPluginManifest.Load(_temp.Combine("my_plugin", "MANIFEST")).Description);
    }

    [Fact]
    public void AFileWhereTheTemplateNeedsAFolderStopsThePlanBeforeAnythingIsWritten()
    {
        _temp.Write("my_plugin/tests", "a file, not a folder");
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginScaffolder.Plan(Options()));
        Assert.Equal(SpsPluginErrorId.ScaffoldPathRefused, error.ErrorId);
        Assert.Equal(new[] { "tests" }, Directory.EnumerateFileSystemEntries(_temp.Combine("my_plugin")).Select(Path.GetFileName));
    }

    [UnixFact]
    public void ALinkInsideAnExistingProjectIsNeverWrittenThrough()
    {
        var outside = _temp.Combine("outside");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(_temp.Combine("my_plugin"));
        Directory.CreateSymbolicLink(_temp.Combine("my_plugin", "tests"), outside);
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginScaffolder.Plan(Options()));
        Assert.Equal(SpsPluginErrorId.ScaffoldPathRefused, error.ErrorId);
        Assert.Contains("link", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    [Fact]
    public void ATemplateFolderSkipsVersionControl()
    {
        var folder = CustomTemplate(("MANIFEST", "name: {{name}}\n"), (".git/config", "[core]\n"));
        Assert.DoesNotContain(SpsPluginTemplate.Load(folder).Files, f => f.Key.StartsWith(".git/", StringComparison.Ordinal));
    }

    [UnixFact]
    public void ATemplateFolderWithALinkIsRefused()
    {
        var folder = CustomTemplate(("MANIFEST", "name: {{name}}\n"));
        File.CreateSymbolicLink(Path.Combine(folder, "secrets.txt"), "/etc/hostname");
        Assert.Equal(SpsPluginErrorId.TemplateInvalid, Assert.Throws<SpsPluginException>(() => SpsPluginTemplate.Load(folder)).ErrorId);
    }

    [Theory]
    [InlineData("aa-mfa", "6.0", true)]
    [InlineData("credentialstore-sdk", "6.6", true)]
    [InlineData("credentialstore-sdk", "6.7", false)]
    [InlineData("aa-mfa", "9.0", false)]
    [InlineData("aa-minimal", "6.0", false)]
    public void SdkTemplatesWarnWhenTheTargetShipsAnOlderSdkThanTheyAreWrittenFor(string template, string target, bool warns)
    {
        var warning = SpsPluginScaffolder.ReleaseWarning(Options(template, target));
        Assert.Equal(warns, warning != null);
        if (warns)
        {
            Assert.Contains("1.6.0", warning);
        }
    }
}
