using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.IO;
using JsonObject = System.Collections.Generic.Dictionary<string, object?>;

namespace SpsPlugin;

/// <summary>The report formats of <c>Test-SpsPluginBundle -OutputFormat</c>.</summary>
public enum SpsPluginReportFormat
{
    /// <summary>JUnit XML: one test suite per bundle, one test case per rule.</summary>
    Junit,

    /// <summary>SARIF 2.1.0 JSON, for code-scanning tools.</summary>
    Sarif,

    /// <summary>GitHub Actions workflow commands (::error file=…::message).</summary>
    GitHub,
}

/// <summary>Writes validation results as JUnit XML, SARIF 2.1.0 or GitHub workflow commands.</summary>
public static class SpsPluginReports
{
    /// <summary>The report text for <paramref name="results"/> (stand-in overload until the reports part of issue 12 lands).</summary>
    public static string Write(IReadOnlyList<SpsPluginValidationResult> results, SpsPluginReportFormat format, SpsPluginReportOptions options) =>
        Write(results, format, options.Rules, options.SourceRoot);

    /// <summary>The report text for <paramref name="results"/>.</summary>
    /// <param name="results">The validated bundles.</param>
    /// <param name="format">The format.</param>
    /// <param name="rules">The rules that were run (JUnit lists each as a test case; SARIF describes them).</param>
    /// <param name="baseDirectory">Paths in the report are made relative to this folder when inside it.</param>
    public static string Write(IReadOnlyList<SpsPluginValidationResult> results, SpsPluginReportFormat format, IReadOnlyList<SpsPluginRule> rules, string baseDirectory) =>
        format switch
        {
            SpsPluginReportFormat.Junit => Junit(results, rules, baseDirectory),
            SpsPluginReportFormat.Sarif => Sarif(results, rules, baseDirectory),
            _ => GitHub(results, baseDirectory),
        };

    private static string Junit(IReadOnlyList<SpsPluginValidationResult> results, IReadOnlyList<SpsPluginRule> rules, string baseDirectory) => XmlText.Write(xml =>
    {
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "SpsPlugin bundle validation");
        xml.WriteAttributeString("tests", (results.Count * rules.Count).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", results.Sum(r => rules.Count(rule => HasError(r, rule))).ToString(CultureInfo.InvariantCulture));
        foreach (var result in results)
        {
            var name = Relative(result.Path, baseDirectory);
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", name);
            xml.WriteAttributeString("tests", rules.Count.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", rules.Count(rule => HasError(result, rule)).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("package", result.Release.ToString());
            foreach (var rule in rules)
            {
                var findings = result.Diagnostics.Where(d => d.RuleId == rule.Id).ToArray();
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("name", rule.Id);
                xml.WriteAttributeString("classname", name);
                foreach (var error in findings.Where(f => f.Severity == Severity.Error))
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("type", rule.Id);
                    xml.WriteAttributeString("message", error.Message);
                    xml.WriteString(error.ToString());
                    xml.WriteEndElement();
                }
                var notes = findings.Where(f => f.Severity != Severity.Error).ToArray();
                if (notes.Length > 0)
                {
                    xml.WriteElementString("system-out", string.Join("\n", notes.Select(n => n.ToString())));
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    });

    private static string Sarif(IReadOnlyList<SpsPluginValidationResult> results, IReadOnlyList<SpsPluginRule> rules, string baseDirectory)
    {
        var version = typeof(SpsPluginReports).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var index = rules.Select((rule, i) => (rule.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new[]
            {
                new JsonObject
                {
                    ["tool"] = new JsonObject
                    {
                        ["driver"] = new JsonObject { ["name"] = "SpsPlugin", ["version"] = version, ["rules"] = rules.Select(SarifRule).ToArray() },
                    },
                    ["results"] = results.SelectMany(result => result.Diagnostics.Select(finding => SarifResult(result.Path, finding, index, baseDirectory))).ToArray(),
                },
            },
        };
        return MiniJson.Write(sarif) + "\n";
    }

    private static JsonObject SarifRule(SpsPluginRule rule) => new()
    {
        ["id"] = rule.Id,
        ["name"] = rule.Id,
        ["shortDescription"] = new JsonObject { ["text"] = rule.Title },
        ["fullDescription"] = new JsonObject { ["text"] = rule.Description },
        ["help"] = new JsonObject { ["text"] = rule.Fix },
        ["defaultConfiguration"] = new JsonObject { ["level"] = Level(rule.Severity) },
        ["properties"] = new JsonObject { ["area"] = rule.Area },
    };

    private static JsonObject SarifResult(string bundlePath, SpsPluginDiagnostic finding, IReadOnlyDictionary<string, int> ruleIndex, string baseDirectory)
    {
        var item = new JsonObject { ["ruleId"] = finding.RuleId };
        if (ruleIndex.TryGetValue(finding.RuleId, out var index))
        {
            item["ruleIndex"] = index;
        }
        item["level"] = Level(finding.Severity);
        item["message"] = new JsonObject { ["text"] = MessageWithFix(finding) };
        var physical = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = ArtifactUri(bundlePath, finding, baseDirectory) } };
        if (finding.Line is int line && line > 0)
        {
            var region = new JsonObject { ["startLine"] = line };
            if (finding.Column is int column && column > 0)
            {
                region["startColumn"] = column;
            }
            physical["region"] = region;
        }
        var location = new JsonObject { ["physicalLocation"] = physical };
        if (finding.Entry != null && File.Exists(bundlePath))
        {
            // Inside a zip: the entry is a logical location within the archive.
            location["logicalLocations"] = new[] { new JsonObject { ["fullyQualifiedName"] = finding.Entry, ["kind"] = "module" } };
        }
        item["locations"] = new[] { location };
        return item;
    }

    private static string GitHub(IReadOnlyList<SpsPluginValidationResult> results, string baseDirectory)
    {
        var text = new StringBuilder();
        foreach (var result in results)
        {
            foreach (var finding in result.Diagnostics)
            {
                var command = finding.Severity == Severity.Error ? "error" : finding.Severity == Severity.Warning ? "warning" : "notice";
                text.Append("::").Append(command).Append(" file=").Append(Property(ArtifactUri(result.Path, finding, baseDirectory)));
                if (finding.Line is int line && line > 0)
                {
                    text.Append(",line=").Append(line.ToString(CultureInfo.InvariantCulture));
                    if (finding.Column is int column && column > 0)
                    {
                        text.Append(",col=").Append(column.ToString(CultureInfo.InvariantCulture));
                    }
                }
                text.Append(",title=").Append(Property(finding.RuleId)).Append("::")
                    .Append(Data(MessageWithFix(finding))).Append('\n');
            }
        }
        return text.ToString();
    }

    private static bool HasError(SpsPluginValidationResult result, SpsPluginRule rule) =>
        result.Diagnostics.Any(d => d.RuleId == rule.Id && d.Severity == Severity.Error);

    private static string MessageWithFix(SpsPluginDiagnostic finding) =>
        finding.SuggestedFix == null ? finding.Message : finding.Message + " Fix: " + finding.SuggestedFix;

    private static string Level(Severity severity) => severity == Severity.Error ? "error" : severity == Severity.Warning ? "warning" : "note";

    /// <summary>The file a finding points at: the entry inside a folder, the zip itself for a zip.</summary>
    private static string ArtifactUri(string bundlePath, SpsPluginDiagnostic finding, string baseDirectory)
    {
        var path = finding.Entry != null && Directory.Exists(bundlePath) ? Path.Combine(bundlePath, finding.Entry) : bundlePath;
        return Relative(path, baseDirectory);
    }

    private static string Relative(string path, string baseDirectory)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetFullPath(baseDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var relative = full.StartsWith(root, StringComparison.Ordinal) ? full.Substring(root.Length) : full;
        return relative.Replace('\\', '/');
    }

    // GitHub workflow command escaping: data escapes %, CR and LF; properties also ':' and ','.
    private static string Data(string value) => value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string value) => Data(value).Replace(":", "%3A").Replace(",", "%2C");
}
