using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SpsPlugin;

/// <summary>Writes scenario results as a report for CI (<c>Invoke-SpsPluginScenario -OutputFormat Junit</c>).</summary>
public static class SpsPluginScenarioReport
{
    /// <summary>JUnit XML for scenario results: one test case per scenario, failures listing the differences.</summary>
    public static string Junit(IReadOnlyList<SpsPluginScenarioResult> results) => XmlText.Write(xml =>
    {
        xml.WriteStartElement("testsuites");
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", "SpsPlugin scenarios");
        xml.WriteAttributeString("tests", results.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", results.Count(r => !r.Passed).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("time", results.Sum(r => r.Duration.TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture));
        foreach (var result in results)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", result.Name);
            xml.WriteAttributeString("classname", result.Path ?? result.Name);
            xml.WriteAttributeString("time", result.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture));
            if (!result.Passed)
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", result.Differences[0]);
                xml.WriteString(string.Join("\n", result.Differences));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    });
}
