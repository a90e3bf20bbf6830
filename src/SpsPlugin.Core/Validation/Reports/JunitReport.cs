using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml;

namespace SpsPlugin;

/// <summary>
/// JUnit XML as Jenkins, GitLab and Azure Pipelines read it (testsuites/testsuite/testcase): one test
/// case per bundle, named by its path under the source root, so 19 plugins are 19 tests. A failing
/// bundle has one &lt;failure&gt; whose text lists every failing finding with file, line and fix; a
/// bundle whose checks could not run (and that has no fault of its own) has an &lt;error&gt; instead,
/// because CI tells "the plugin is broken" from "the build machine is". The remaining findings go to
/// &lt;system-out&gt;. The counts are on the root and the suite; "skipped" only on the suite, where
/// the JUnit schema (Pester's junit_schema_4.xsd, as Jenkins' own) allows it.
/// </summary>
internal static class JunitReport
{
    private const string SuiteName = "SpsPlugin bundle validation";

    // Jenkins splits a classname at its dots into package and class: "SpsPlugin" > "BundleValidation".
    private const string ClassName = "SpsPlugin.BundleValidation";

    public static string Write(IReadOnlyList<SpsPluginValidationResult> results, SpsPluginReportOptions options) => XmlText.Write(xml =>
    {
        var cases = results.Select(result => BundleCase.Of(result, options.SourceRoot)).ToArray();
        void StartWithCounts(string element)
        {
            xml.WriteStartElement(element);
            xml.WriteAttributeString("name", SuiteName);
            xml.WriteAttributeString("tests", Count(cases.Length));
            xml.WriteAttributeString("failures", Count(cases.Count(c => c.Failure != null)));
            xml.WriteAttributeString("errors", Count(cases.Count(c => c.Error != null)));
        }
        StartWithCounts("testsuites");
        StartWithCounts("testsuite");
        xml.WriteAttributeString("skipped", Count(0));
        foreach (var bundle in cases)
        {
            bundle.Write(xml);
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    });

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    /// <summary>One bundle's test case: its &lt;error&gt; or &lt;failure&gt; (never both) and its other findings.</summary>
    private sealed class BundleCase
    {
        private BundleCase(string name, Outcome? error, Outcome? failure, string output)
        {
            Name = name;
            Error = error;
            Failure = failure;
            Output = output;
        }

        public string Name { get; }

        public Outcome? Error { get; }

        public Outcome? Failure { get; }

        public string Output { get; }

        public static BundleCase Of(SpsPluginValidationResult result, string sourceRoot)
        {
            var name = FindingLocation.Relative(System.IO.Path.GetFullPath(result.Path), sourceRoot) ?? System.IO.Path.GetFullPath(result.Path);
            var failing = ReportVerdict.Failures(result);
            var infrastructureOnly = failing.Count > 0 && failing.All(ReportVerdict.IsInfrastructure);
            var outcome = failing.Count == 0 ? null : Outcome.Of(name, failing, result.Path, sourceRoot);
            var others = result.Diagnostics.Except(failing).Select(f => Line(f, result.Path, sourceRoot));
            var output = string.Join("\n", new[] { $"Checked against {result.Target}: {result.TargetReason}." }.Concat(others));
            return new BundleCase(name, infrastructureOnly ? outcome : null, infrastructureOnly ? null : outcome, output);
        }

        public void Write(XmlWriter xml)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", Name);
            xml.WriteAttributeString("classname", ClassName);
            Error?.Write(xml, "error");
            Failure?.Write(xml, "failure");
            xml.WriteElementString("system-out", Printable(Output));
            xml.WriteEndElement();
        }
    }

    /// <summary>The text of a &lt;failure&gt; or &lt;error&gt;: a one-line summary and one paragraph per finding.</summary>
    private sealed class Outcome
    {
        private Outcome(string type, string message, string body)
        {
            Type = type;
            Message = message;
            Body = body;
        }

        private string Type { get; }

        private string Message { get; }

        private string Body { get; }

        public static Outcome Of(string bundleName, IReadOnlyList<SpsPluginDiagnostic> failing, string bundlePath, string sourceRoot)
        {
            var first = failing[0];
            var message = failing.Count == 1
                ? $"{bundleName}: {first.RuleId}: {first.Message}"
                : $"{bundleName}: {failing.Count} findings fail it, first {first.RuleId}: {first.Message}";
            return new Outcome(first.RuleId, message, string.Join("\n", failing.Select(f => Line(f, bundlePath, sourceRoot))));
        }

        public void Write(XmlWriter xml, string element)
        {
            xml.WriteStartElement(element);
            xml.WriteAttributeString("type", Type);
            xml.WriteAttributeString("message", Printable(Message));
            xml.WriteString(Printable(Body));
            xml.WriteEndElement();
        }
    }

    /// <summary>One finding as a line people act on: <c>file:line: Severity RuleId: message</c> and the fix on the next line.</summary>
    private static string Line(SpsPluginDiagnostic finding, string bundlePath, string sourceRoot)
    {
        var text = $"{FindingLocation.Of(bundlePath, finding, sourceRoot).Text}: {finding.Severity} {finding.RuleId}: {finding.Message}";
        return finding.SuggestedFix == null ? text : text + "\n    Fix: " + finding.SuggestedFix;
    }

    /// <summary>
    /// Text XML 1.0 can carry: a finding may quote a control character or a lone surrogate from a
    /// hostile plugin, which XmlWriter refuses; each becomes a visible \uXXXX.
    /// </summary>
    private static string Printable(string text)
    {
        // IsXmlChar is false for either half of a surrogate pair, so this also finds every pair.
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }
        var printable = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                printable.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                printable.Append(c);
            }
            else
            {
                printable.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }
        return printable.ToString();
    }
}
