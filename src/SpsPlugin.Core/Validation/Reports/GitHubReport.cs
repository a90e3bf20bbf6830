using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SpsPlugin;

/// <summary>
/// GitHub Actions workflow commands, one per finding: <c>::error file=…,line=…,col=…,title=RuleId::message</c>.
/// The file is relative to the source root (the cmdlet passes GITHUB_WORKSPACE) and is a file, never a
/// folder (<see cref="FindingLocation"/>, shared with SARIF). Information findings are notices only when
/// asked for: one notice per bundle drowns the errors in a pull request's annotations.
/// </summary>
internal static class GitHubReport
{
    public static string Write(IReadOnlyList<SpsPluginValidationResult> results, SpsPluginReportOptions options)
    {
        var text = new StringBuilder();
        foreach (var result in results)
        {
            foreach (var finding in result.Diagnostics.Where(f => options.IncludeInformation || ReportVerdict.Level(result, f) != "note"))
            {
                var where = FindingLocation.Of(result.Path, finding, options.SourceRoot);
                var command = ReportVerdict.Level(result, finding) switch { "error" => "error", "warning" => "warning", _ => "notice" };
                text.Append("::").Append(command).Append(" file=").Append(Property(where.File));
                if (where.Line is int line)
                {
                    text.Append(",line=").Append(line.ToString(CultureInfo.InvariantCulture));
                    if (where.Column is int column)
                    {
                        text.Append(",col=").Append(column.ToString(CultureInfo.InvariantCulture));
                    }
                }
                text.Append(",title=").Append(Property(finding.RuleId)).Append("::")
                    .Append(Data(ReportText.MessageWithFix(finding, where))).Append('\n');
            }
        }
        return text.ToString();
    }

    // Workflow command escaping (as @actions/core does): data escapes %, CR and LF; properties also ':' and ','.
    private static string Data(string value) => value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string value) => Data(value).Replace(":", "%3A").Replace(",", "%2C");
}
