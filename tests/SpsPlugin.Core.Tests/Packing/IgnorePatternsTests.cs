using SpsPlugin.Packing;

namespace SpsPlugin.Tests.Packing;

public sealed class IgnorePatternsTests
{
    [Theory]
    [InlineData("*.pyc", "lib/x.pyc", false, true)]
    [InlineData("*.pyc", "x.pyc", false, true)]
    [InlineData("*.pyc", "x.py", false, false)]
    [InlineData("tests/", "tests", true, true)]
    [InlineData("tests/", "lib/tests", true, true)]
    [InlineData("tests/", "tests", false, false)]
    [InlineData("/dist/", "dist", true, true)]
    [InlineData("/dist/", "lib/dist", true, false)]
    [InlineData("docs/*.md", "docs/a.md", false, true)]
    [InlineData("docs/*.md", "lib/docs/a.md", false, false)]
    [InlineData("docs/*.md", "docs/sub/a.md", false, false)]
    [InlineData("**/cache", "a/b/cache", true, true)]
    [InlineData("**/cache", "cache", true, true)]
    [InlineData("lib/**", "lib/a/b.py", false, true)]
    [InlineData("a/**/z.txt", "a/z.txt", false, true)]
    [InlineData("a/**/z.txt", "a/b/c/z.txt", false, true)]
    [InlineData("file?.txt", "file1.txt", false, true)]
    [InlineData("file?.txt", "file12.txt", false, false)]
    [InlineData("[abc].py", "b.py", false, true)]
    [InlineData("[!abc].py", "b.py", false, false)]
    [InlineData("\\#hash", "#hash", false, true)]
    [InlineData("# a comment", "# a comment", false, false)]
    [InlineData("name\\ ", "name ", false, true)]
    public void MatchesAsGitignoreDoes(string pattern, string path, bool isDirectory, bool excluded)
    {
        Assert.Equal(excluded, new IgnorePatterns(ignoreCase: false).Add(new[] { pattern }).IsExcluded(path, isDirectory));
    }

    [Fact]
    public void TheLastMatchingPatternWinsAndNegationReincludes()
    {
        var patterns = new IgnorePatterns(ignoreCase: false).Add(new[] { "*.md", "!README.md", "docs/README.md" });
        Assert.True(patterns.IsExcluded("CHANGELOG.md", false));
        Assert.False(patterns.IsExcluded("README.md", false));
        Assert.True(patterns.IsExcluded("docs/README.md", false));
    }
}
