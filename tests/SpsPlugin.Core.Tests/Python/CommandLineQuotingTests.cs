using System.Linq;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Python;

/// <summary>Arguments reach Python unchanged whoever splits the command line: .NET (Windows rules) or Mono on Unix (shell rules).</summary>
public sealed class CommandLineQuotingTests
{
    public static readonly TheoryData<string> Awkward = new()
    {
        "plain", "two words", "back\\slash", "\\u00e9 as a script writes it", "trailing\\", "quote\"inside", "\\\"escaped quote",
        "it's", "new\nline", "$HOME `date` !bang", string.Empty, "tab\tand  spaces",
    };

    [Theory]
    [InlineData("a b", false, "\"a b\"")]
    [InlineData("back\\slash", false, "\"back\\slash\"")]
    [InlineData("trailing\\", false, "\"trailing\\\\\"")]
    [InlineData("say \"hi\"", false, "\"say \\\"hi\\\"\"")]
    [InlineData("\\\"", false, "\"\\\\\\\"\"")]
    [InlineData("a b", true, "'a b'")]
    [InlineData("back\\slash", true, "'back\\slash'")]
    [InlineData("it's", true, "'it'\\''s'")]
    [InlineData("$x \"y\"", true, "'$x \"y\"'")]
    public void QuotesForEachSplitter(string argument, bool shellRules, string expected) =>
        Assert.Equal(expected, CommandLineQuoting.Quote(argument, shellRules));

    [PythonTheory]
    [MemberData(nameof(Awkward))]
    public void AnArgumentReachesPythonUnchanged(string argument)
    {
        var result = PythonProcess.Run(PythonLocator.Find()!,
            new[] { "-I", "-S", "-c", "import sys; sys.stdout.write(sys.argv[1].encode().hex())", argument }, null, string.Empty,
            System.TimeSpan.FromSeconds(30), System.Threading.CancellationToken.None);
        var expected = string.Concat(System.Text.Encoding.UTF8.GetBytes(argument).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, result.Stdout);
    }
}
