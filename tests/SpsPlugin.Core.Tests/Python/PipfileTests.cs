using System;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Python;

/// <summary>The Pipfile subset: what New-SpsPlugin writes and pipenv's usual entries, and a clear refusal of the rest.</summary>
public sealed class PipfileTests
{
    [Fact]
    public void ReadsTheTemplatesPipfile()
    {
        var pipfile = Pipfile.Parse(
            "# comment\n[[source]]\nurl = \"https://index.example/simple\"\nverify_ssl = true\nname = \"main\"\n\n[packages]\n# none\n\n" +
            "[dev-packages]\noneidentity-safeguard-sessions-plugin-sdk = \"==1.9.0\"\npytest = \"*\"\n\n[requires]\npython_version = \"3.12\"\n", "Pipfile");
        Assert.Empty(pipfile.Packages);
        Assert.Equal(new[] { "oneidentity-safeguard-sessions-plugin-sdk==1.9.0", "pytest" }, pipfile.DevPackages);
        Assert.Equal(new Version(3, 12), pipfile.PythonVersion);
        Assert.Equal(new[] { "https://index.example/simple" }, pipfile.SourceUrls);
    }

    [Fact]
    public void ReadsInlineTablesWithAVersionAndExtrasAndSkipsTablesItDoesNotUse()
    {
        var pipfile = Pipfile.Parse(
            "[packages]\nrequests = { version = \">=2.0,<3\", extras = [\"socks\"] }  # why\n'quoted.name' = '~=1.1'\n[scripts]\ntest = \"pytest -x\"\nweird = [\n", "Pipfile");
        Assert.Equal(new[] { "requests[socks]>=2.0,<3", "quoted.name~=1.1" }, pipfile.Packages);
    }

    [Theory]
    [InlineData("[packages]\nmine = { git = \"https://example.invalid/x.git\" }\n", 2, "package 'mine' uses git and no version, which pip cannot install from a version alone")]
    [InlineData("[packages]\nmine = \"1.0\"\n", 2, "package 'mine' has the version \"1.0\", which is no version spec; write \"==1.0\"")]
    [InlineData("[dev-packages]\nmine = [\n  \"a\",\n]\n", 2, "the line ends at column 9 where more was expected (a value that goes on over several lines is not read)")]
    [InlineData("[packages]\nmine = \"==1.0\n", 2, "a string is not closed on its line")]
    [InlineData("[requires]\npython_version = 3.12\n", 2, "'3.12' is no value SpsPlugin reads here")]
    [InlineData("\n[packages\n", 2, "expected ']' at column 10, found the end of the line")]
    public void RefusesWhatItCannotReadNamingTheFileAndLine(string text, int line, string reason)
    {
        var error = Assert.Throws<SpsPluginException>(() => Pipfile.Parse(text, "/p/Pipfile"));
        Assert.Equal(SpsPluginErrorId.PipfileInvalid, error.ErrorId);
        Assert.StartsWith($"/p/Pipfile:{line}: {reason}", error.Message);
        Assert.Equal(line, Assert.Single(error.Diagnostics).Line);
    }

    [Fact]
    public void AMissingPipfileIsPipfileNotFound()
    {
        using var temp = new TempFolder();
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginEnvironmentSetup.Plan(new SpsPluginEnvironmentOptions { ProjectPath = temp.Path }));
        Assert.Equal(SpsPluginErrorId.PipfileNotFound, error.ErrorId);
        Assert.Contains("New-SpsPlugin makes one", error.Message);
    }
}
