using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using SpsPlugin.Tests.Support;
using static SpsPlugin.Tests.Validation.ReportFixtures;

namespace SpsPlugin.Tests.Validation;

/// <summary>
/// JUnit as CI servers read it: one test case per bundle (19 plugins are 19 tests), a failing bundle's
/// findings inside one &lt;failure&gt; with file, line and fix, "the checks could not run" as an
/// &lt;error&gt;, and counts at the root and the suite that agree with the cases.
/// </summary>
public sealed class JunitReportTests
{
    [CorpusFact]
    public void NineteenPluginsAreNineteenTestCases()
    {
        var trees = Directory.GetDirectories(Path.Combine(TestPaths.Corpus, "trees")).OrderBy(d => d, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(19, trees.Length);
        var junit = Junit(Validate(trees), TestPaths.Corpus);
        var cases = junit.Descendants("testcase").ToArray();
        Assert.Equal(trees.Select(t => "trees/" + Path.GetFileName(t)), cases.Select(c => (string)c.Attribute("name")!));
        Assert.All(cases, c => Assert.Equal("SpsPlugin.BundleValidation", (string)c.Attribute("classname")!));
        Assert.Equal("19", (string)junit.Root!.Attribute("tests")!);
        Assert.Equal("19", (string)junit.Root!.Element("testsuite")!.Attribute("tests")!);
        AssertCountsMatchTheCases(junit);
    }

    /// <summary>The false green: <c>./nope, ./ok</c> said failures="0".</summary>
    [Fact]
    public void ABundleThatDoesNotExistIsAFailedTestCase()
    {
        using var folder = new TempFolder();
        var (ok, nope) = OkAndNope(folder);
        var junit = Junit(Validate(nope, ok), folder.Path);
        foreach (var counted in new[] { junit.Root!, junit.Root!.Element("testsuite")! })
        {
            Assert.Equal("2", (string)counted.Attribute("tests")!);
            Assert.Equal("1", (string)counted.Attribute("failures")!);
            Assert.Equal("0", (string)counted.Attribute("errors")!);
        }
        Assert.Equal("0", (string)junit.Root!.Element("testsuite")!.Attribute("skipped")!);
        var cases = junit.Descendants("testcase").ToArray();
        Assert.Equal(new[] { "nope", Path.GetFileName(ok) }, cases.Select(c => (string)c.Attribute("name")!));
        var failure = Assert.Single(cases[0].Elements("failure"));
        Assert.Equal("PathNotFound", (string)failure.Attribute("type")!);
        Assert.StartsWith("nope: PathNotFound: Cannot find", (string)failure.Attribute("message")!);
        Assert.Empty(cases[1].Elements("failure"));
        Assert.Empty(cases.SelectMany(c => c.Elements("error")));
    }

    [Fact]
    public void OneFailureListsEveryFailingFindingWithFileLineAndFixAndTheRestGoesToSystemOut()
    {
        using var folder = new TempFolder();
        var bundle = Directory.CreateDirectory(folder.Combine("plugins", "a")).FullName;
        var result = Result(
            bundle,
            new SpsPluginDiagnostic("ManifestName", Severity.Error, "Bad name.", bundle, "MANIFEST", line: 2, column: 7, suggestedFix: "Use lower case."),
            new SpsPluginDiagnostic("PythonSyntax", Severity.Error, "Invalid syntax.", bundle, "lib/x.py", line: 9),
            new SpsPluginDiagnostic("StructureSize", Severity.Warning, "Large.", bundle, suggestedFix: "Drop tests."));
        var junit = Junit(new[] { result }, folder.Path);
        var testcase = Assert.Single(junit.Descendants("testcase"));
        Assert.Equal("plugins/a", (string)testcase.Attribute("name")!);
        var failure = Assert.Single(testcase.Elements("failure"));
        Assert.Equal("plugins/a: 2 findings fail it, first ManifestName: Bad name.", (string)failure.Attribute("message")!);
        Assert.Equal(
            "plugins/a/MANIFEST:2:7: Error ManifestName: Bad name.\n    Fix: Use lower case.\nplugins/a/lib/x.py:9: Error PythonSyntax: Invalid syntax.",
            failure.Value);
        var output = (string)testcase.Element("system-out")!;
        Assert.Contains("plugins/a/MANIFEST: Warning StructureSize: Large.\n    Fix: Drop tests.", output);
        Assert.StartsWith("Checked against SPS ", output);
        Assert.DoesNotContain("ManifestName", output);
    }

    [Fact]
    public void ChecksThatCouldNotRunAreAnErrorNotAFailure()
    {
        using var folder = new TempFolder();
        var uncheckedBundle = Result(folder.Combine("a"), new SpsPluginDiagnostic("PythonUnavailable", Severity.Error, "No Python.", suggestedFix: "Install Python 3."));
        var broken = Result(
            folder.Combine("b"),
            new SpsPluginDiagnostic("PythonUnavailable", Severity.Error, "No Python."),
            new SpsPluginDiagnostic("ManifestName", Severity.Error, "Bad name."));
        var junit = Junit(new[] { uncheckedBundle, broken }, folder.Path);
        var cases = junit.Descendants("testcase").ToArray();
        var error = Assert.Single(cases[0].Elements("error"));
        Assert.Equal("PythonUnavailable", (string)error.Attribute("type")!);
        Assert.Contains("Fix: Install Python 3.", error.Value);
        Assert.Empty(cases[0].Elements("failure"));
        // A bundle with a fault of its own fails whatever else is missing; the missing checks are listed after its faults.
        var failure = Assert.Single(cases[1].Elements("failure"));
        Assert.Equal("ManifestName", (string)failure.Attribute("type")!);
        Assert.Matches("(?s)ManifestName.*PythonUnavailable", failure.Value);
        Assert.Empty(cases[1].Elements("error"));
        Assert.Equal("1", (string)junit.Root!.Attribute("errors")!);
        Assert.Equal("1", (string)junit.Root!.Attribute("failures")!);
        AssertCountsMatchTheCases(junit);
    }

    [Fact]
    public void ChecksThatCouldNotRunDoNotFailABundleTheyDoNotFail()
    {
        using var folder = new TempFolder();
        var junit = Junit(new[] { Result(folder.Combine("a"), new SpsPluginDiagnostic("PythonUnavailable", Severity.Warning, "No Python.")) }, folder.Path);
        var testcase = Assert.Single(junit.Descendants("testcase"));
        Assert.Empty(testcase.Elements("error"));
        Assert.Empty(testcase.Elements("failure"));
        Assert.Contains("Warning PythonUnavailable: No Python.", (string)testcase.Element("system-out")!);
    }

    [Fact]
    public void TextXmlCannotCarryBecomesVisibleEscapes()
    {
        using var folder = new TempFolder();
        var finding = new SpsPluginDiagnostic("ManifestName", Severity.Error, "bell\u0007 lone\uD800 pair\U0001F600 <&>");
        var junit = Junit(new[] { Result(folder.Combine("a"), finding) }, folder.Path);
        var failure = Assert.Single(junit.Descendants("failure"));
        Assert.Contains("bell\\u0007 lone\\uD800 pair\U0001F600 <&>", (string)failure.Attribute("message")!);
        Assert.Contains("bell\\u0007 lone\\uD800 pair\U0001F600 <&>", failure.Value);
    }

    /// <summary>Every element the report writes (error, failure, system-out, the counts) where the JUnit schema allows it.</summary>
    [JunitSchemaFact]
    public void TheReportIsValidAgainstTheJunitSchema()
    {
        using var folder = new TempFolder();
        var (ok, nope) = OkAndNope(folder);
        var results = Validate(nope, ok).Append(Result(folder.Combine("a"), new SpsPluginDiagnostic("PythonUnavailable", Severity.Error, "No Python."))).ToArray();
        var junit = Junit(results, folder.Path);
        Assert.NotEmpty(junit.Descendants("error"));
        Assert.NotEmpty(junit.Descendants("failure"));
        var schemas = new XmlSchemaSet();
        schemas.Add(null, JunitSchemaFactAttribute.SchemaPath);
        var problems = new System.Collections.Generic.List<string>();
        junit.Validate(schemas, (_, e) => problems.Add(e.Message));
        Assert.Empty(problems);
    }

    private static XDocument Junit(System.Collections.Generic.IReadOnlyList<SpsPluginValidationResult> results, string sourceRoot) =>
        XDocument.Parse(Write(SpsPluginReportFormat.Junit, sourceRoot, results.ToArray()));

    private static void AssertCountsMatchTheCases(XDocument junit)
    {
        var cases = junit.Descendants("testcase").ToArray();
        foreach (var counted in new[] { junit.Root!, junit.Root!.Element("testsuite")! })
        {
            Assert.Equal(cases.Length.ToString(), (string)counted.Attribute("tests")!);
            Assert.Equal(cases.Count(c => c.Element("failure") != null).ToString(), (string)counted.Attribute("failures")!);
            Assert.Equal(cases.Count(c => c.Element("error") != null).ToString(), (string)counted.Attribute("errors")!);
        }
        Assert.All(cases, c => Assert.False(c.Element("failure") != null && c.Element("error") != null, "a case is a failure or an error, not both"));
    }
}
