using System;
using System.Collections.Generic;
using System.Linq;
using SpsPlugin.IO;
using JsonObject = System.Collections.Generic.Dictionary<string, object?>;

namespace SpsPlugin;

/// <summary>
/// SARIF 2.1.0 with what GitHub code scanning reads: rules with both descriptions and help (text and
/// markdown, the fix included) and results with ruleId, ruleIndex, level, message and one location.
/// Every artifactLocation is a file relative to %SRCROOT% (run.originalUriBaseIds: the source root),
/// so the same bundle has the same URI on every machine; a file outside the root gets its absolute
/// file: URI. A finding inside a zip points at the zip (see <see cref="FindingLocation"/>) and names
/// the entry three ways: in the message, as a logicalLocation of kind "resource" whose
/// fullyQualifiedName is <c>zip!entry</c>, and in the location's properties (zipEntry, zipEntryLine,
/// zipEntryColumn) for tools that read them. No rule has a helpUri: the rules have no published page.
/// </summary>
internal static class SarifReport
{
    private const string SourceRootId = "%SRCROOT%";

    public static string Write(IReadOnlyList<SpsPluginValidationResult> results, SpsPluginReportOptions options)
    {
        var version = typeof(SpsPluginReports).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var ruleIndex = options.Rules.Select((rule, i) => (rule.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
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
                        ["driver"] = new JsonObject { ["name"] = "SpsPlugin", ["version"] = version, ["semanticVersion"] = version, ["rules"] = options.Rules.Select(Rule).ToArray() },
                    },
                    ["originalUriBaseIds"] = new JsonObject
                    {
                        [SourceRootId] = new JsonObject { ["uri"] = PlatformPaths.FileUri(FindingLocation.RootWithSeparator(options.SourceRoot), PlatformPaths.IsWindows) },
                    },
                    ["results"] = results.SelectMany(result => result.Diagnostics.Select(finding => Result(result, finding, ruleIndex, options.SourceRoot))).ToArray(),
                },
            },
        };
        return MiniJson.Write(sarif) + "\n";
    }

    private static JsonObject Rule(SpsPluginRule rule) => new()
    {
        ["id"] = rule.Id,
        ["name"] = rule.Id,
        ["shortDescription"] = new JsonObject { ["text"] = rule.Title },
        ["fullDescription"] = new JsonObject { ["text"] = rule.Description },
        ["help"] = new JsonObject
        {
            ["text"] = $"{rule.Description}\n\nFix: {rule.Fix}",
            ["markdown"] = $"**{rule.Title}** ({rule.Area} rule `{rule.Id}`)\n\n{rule.Description}\n\n**Fix:** {rule.Fix}",
        },
        ["defaultConfiguration"] = new JsonObject { ["level"] = rule.Severity == Severity.Error ? "error" : rule.Severity == Severity.Warning ? "warning" : "note" },
        ["properties"] = new JsonObject { ["area"] = rule.Area, ["tags"] = new[] { "sps-plugin", rule.Area } },
    };

    private static JsonObject Result(SpsPluginValidationResult result, SpsPluginDiagnostic finding, IReadOnlyDictionary<string, int> ruleIndex, string sourceRoot)
    {
        var where = FindingLocation.Of(result.Path, finding, sourceRoot);
        var item = new JsonObject { ["ruleId"] = finding.RuleId };
        if (ruleIndex.TryGetValue(finding.RuleId, out var index))
        {
            item["ruleIndex"] = index;
        }
        item["level"] = ReportVerdict.Level(result, finding);
        item["message"] = new JsonObject { ["text"] = ReportText.MessageWithFix(finding, where) };
        item["locations"] = new[] { Location(where) };
        return item;
    }

    private static JsonObject Location(FindingLocation where)
    {
        var artifact = where.RelativePath == null
            ? new JsonObject { ["uri"] = PlatformPaths.FileUri(where.FullPath, PlatformPaths.IsWindows) }
            : new JsonObject { ["uri"] = EscapedRelativeUri(where.RelativePath), ["uriBaseId"] = SourceRootId };
        var physical = new JsonObject { ["artifactLocation"] = artifact };
        if (where.Line is int line)
        {
            var region = new JsonObject { ["startLine"] = line };
            if (where.Column is int column)
            {
                region["startColumn"] = column;
            }
            physical["region"] = region;
        }
        var location = new JsonObject { ["physicalLocation"] = physical };
        if (where.ZipEntry != null)
        {
            location["logicalLocations"] = new[] { new JsonObject { ["name"] = where.ZipEntry, ["fullyQualifiedName"] = where.File + "!" + where.ZipEntry, ["kind"] = "resource" } };
            var properties = new JsonObject { ["zipEntry"] = where.ZipEntry };
            if (where.ZipEntryLine is int entryLine)
            {
                properties["zipEntryLine"] = entryLine;
            }
            if (where.ZipEntryColumn is int entryColumn)
            {
                properties["zipEntryColumn"] = entryColumn;
            }
            location["properties"] = properties;
        }
        return location;
    }

    /// <summary>A relative path as a URI reference: each segment percent-encoded (a space, '#' or '%' in a folder name), '/' kept.</summary>
    private static string EscapedRelativeUri(string relativePath) =>
        string.Join("/", relativePath.Split('/').Select(Uri.EscapeDataString));
}
