using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SpsPlugin;

/// <summary>Writes scenario results as a report for CI (<c>Invoke-SpsPluginScenario -OutputFormat Junit</c>).</summary>
public static class SpsPluginScenarioReport
{
    /// <summary>
    /// JUnit XML for scenario results: one test case per scenario, failures listing the differences,
    /// and a test case holding an &lt;error&gt; for each input that gave no scenario (a missing path,
    /// a folder without scenario files, a file that cannot be read), so CI counts them instead of nothing.
    /// </summary>
    public static string Junit(IReadOnlyList<SpsPluginScenarioResult> results, IReadOnlyList<SpsPluginException>? inputFailures = null) => XmlText.Write(xml =>
    {
        inputFailures ??= new SpsPluginException[0];
        xml.WriteStartElement("testsuites");
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", "SpsPlugin scenarios");
        xml.WriteAttributeString("tests", (results.Count + inputFailures.Count).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", results.Count(r => !r.Passed && !r.Skipped).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", inputFailures.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", results.Count(r => r.Skipped).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("time", results.Sum(r => r.Duration.TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture));
        foreach (var result in results)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", result.Name);
            xml.WriteAttributeString("classname", result.Path ?? result.Name);
            xml.WriteAttributeString("time", result.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture));
            if (result.Skipped)
            {
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", result.SkipReason);
                xml.WriteEndElement();
            }
            else if (!result.Passed)
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", result.Differences[0]);
                xml.WriteString(string.Join("\n", result.Differences));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        foreach (var failure in inputFailures)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", failure.Path ?? failure.ErrorId.Id);
            xml.WriteAttributeString("classname", failure.Path ?? failure.ErrorId.Id);
            xml.WriteAttributeString("time", "0.000");
            xml.WriteStartElement("error");
            xml.WriteAttributeString("type", failure.ErrorId.Id);
            xml.WriteAttributeString("message", failure.Message);
            xml.WriteString(failure.Message);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    });
}
