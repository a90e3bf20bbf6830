using System;
using System.IO;
using System.Xml.Linq;

namespace SpsPlugin.Tests.Support;

/// <summary>
/// A fact that checks JUnit XML against the schema the Pester tests use (Pester's junit_schema_4.xsd,
/// the shape Jenkins, GitLab and Azure read), from the Pester package build.ps1 restores; reported as
/// skipped when that package is not restored on this machine.
/// </summary>
public sealed class JunitSchemaFactAttribute : FactAttribute
{
    public JunitSchemaFactAttribute()
    {
        if (!File.Exists(SchemaPath))
        {
            Skip = "Pester's JUnit schema is not at " + SchemaPath + " (run build.ps1 -Task Test once to restore it)";
        }
    }

    public static string SchemaPath { get; } = FindSchema();

    private static string FindSchema()
    {
        var version = XDocument.Load(Path.Combine(TestPaths.RepoRoot, "tests", "tools", "tools.proj")).Root!.Element("PropertyGroup")!.Element("PesterVersion")!.Value;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(packages, "pester", version, "tools", "schemas", "JUnit4", "junit_schema_4.xsd");
    }
}
