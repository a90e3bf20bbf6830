using System.IO;
using System.Linq;
using SpsPlugin.Tests.Support;
using static SpsPlugin.Tests.Validation.ReportFixtures;

namespace SpsPlugin.Tests.Validation;

/// <summary>GitHub workflow commands: workspace-relative files (never folders), escaped as the runner reads them, no notices unless asked.</summary>
public sealed class GitHubReportTests
{
    [Fact]
    public void EachFindingIsACommandOnItsFileAndLineWithTheRuleAsTitle()
    {
        using var folder = new TempFolder();
        var bundle = Directory.CreateDirectory(folder.Combine("plugins", "a")).FullName;
        var text = Write(SpsPluginReportFormat.GitHub, folder.Path, Result(
            bundle,
            new SpsPluginDiagnostic("ManifestName", Severity.Error, "Bad name.", bundle, "MANIFEST", line: 2, column: 7, suggestedFix: "Rename."),
            new SpsPluginDiagnostic("StructureSize", Severity.Warning, "Large.", bundle)));
        Assert.Equal(
            "::error file=plugins/a/MANIFEST,line=2,col=7,title=ManifestName::Bad name. Fix: Rename.\n" +
            "::warning file=plugins/a/MANIFEST,title=StructureSize::Large.\n",
            text);
    }

    [Fact]
    public void InformationIsANoticeOnlyWhenAskedFor()
    {
        using var folder = new TempFolder();
        var results = Validate(new PluginBuilder().WriteFolder(folder), new PluginBuilder().WriteFolder(folder));
        Assert.All(results, r => Assert.Contains(r.Diagnostics, d => d.Severity == Severity.Information));
        var quiet = Write(SpsPluginReportFormat.GitHub, folder.Path, results.ToArray());
        Assert.DoesNotContain("::notice", quiet);
        var asked = Write(SpsPluginReportFormat.GitHub, new SpsPluginReportOptions { SourceRoot = folder.Path, IncludeInformation = true }, results.ToArray());
        var notices = asked.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Where(line => line.StartsWith("::notice", System.StringComparison.Ordinal)).ToArray();
        Assert.Equal(results.Sum(r => r.InformationCount), notices.Length);
        Assert.All(notices, line => Assert.Matches("^::notice file=plugin-[0-9a-f]{8}/MANIFEST,title=", line));
    }

    [Fact]
    public void AZipFindingAnnotatesTheZipAndSaysWhereInsideIt()
    {
        using var folder = new TempFolder();
        var zip = folder.Write("dist/p.zip", "x");
        var text = Write(SpsPluginReportFormat.GitHub, folder.Path, Result(zip, new SpsPluginDiagnostic("ManifestName", Severity.Error, "Bad name.", zip, "MANIFEST", line: 2)));
        Assert.Equal("::error file=dist/p.zip,title=ManifestName::Bad name. (in the zip at MANIFEST:2)\n", text);
    }

    [Fact]
    public void ValuesAreEscapedAsTheRunnerReadsThem()
    {
        using var folder = new TempFolder();
        var bundle = Directory.CreateDirectory(folder.Combine("a,b: 100%")).FullName;
        var text = Write(SpsPluginReportFormat.GitHub, folder.Path, Result(
            bundle, new SpsPluginDiagnostic("ManifestName", Severity.Error, "50% done,\r\nnext: line", bundle, "MANIFEST")));
        Assert.Equal("::error file=a%2Cb%3A 100%25/MANIFEST,title=ManifestName::50%25 done,%0D%0Anext: line\n", text);
    }

    [Fact]
    public void FindSourceRootIsTheNearestFolderWithGitElseTheCurrentOne()
    {
        using var folder = new TempFolder();
        var deep = Directory.CreateDirectory(folder.Combine("repo", "sub", "deeper")).FullName;
        Assert.Equal(deep, SpsPluginReportOptions.FindSourceRoot(deep).TrimEnd(Path.DirectorySeparatorChar), ignoreCase: false);
        folder.Write("repo/.git", "gitdir: /elsewhere\n");
        Assert.Equal(folder.Combine("repo"), SpsPluginReportOptions.FindSourceRoot(deep));
        Directory.CreateDirectory(folder.Combine("repo", "sub", ".git"));
        Assert.Equal(folder.Combine("repo", "sub"), SpsPluginReportOptions.FindSourceRoot(deep));
    }
}
