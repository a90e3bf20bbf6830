using SpsPlugin.IO;

namespace SpsPlugin.Tests.Platform;

/// <summary>The names Windows cannot hold, judged on any OS.</summary>
public sealed class WindowsNamesTests
{
    [Theory]
    [InlineData("CON", "a device name Windows reserves")]
    [InlineData("con", "a device name Windows reserves")]
    [InlineData("aux.py", "a device name Windows reserves")]
    [InlineData("NUL.tar.gz", "a device name Windows reserves")]
    [InlineData("nul .txt", "a device name Windows reserves")]
    [InlineData("COM1", "a device name Windows reserves")]
    [InlineData("lpt9.log", "a device name Windows reserves")]
    [InlineData("COM\u00b9", "a device name Windows reserves")]
    [InlineData("LPT\u00b3.txt", "a device name Windows reserves")]
    [InlineData("CONOUT$", "a device name Windows reserves")]
    [InlineData("a:b", "a ':' (Windows writes an alternate data stream)")]
    [InlineData("main.py:Zone.Identifier", "a ':' (Windows writes an alternate data stream)")]
    [InlineData("what?.py", "'?', which Windows forbids in names")]
    [InlineData("a<b", "'<', which Windows forbids in names")]
    [InlineData("a>b", "'>', which Windows forbids in names")]
    [InlineData("say\"hi\"", "'\"', which Windows forbids in names")]
    [InlineData("a|b", "'|', which Windows forbids in names")]
    [InlineData("*.py", "'*', which Windows forbids in names")]
    [InlineData("tab\there", "a control character")]
    [InlineData("lib.", "a trailing dot or space, which Windows drops")]
    [InlineData("main.py ", "a trailing dot or space, which Windows drops")]
    [InlineData("main.py", null)]
    [InlineData("console.py", null)]
    [InlineData("COM10", null)]
    [InlineData("COM0", null)]
    [InlineData("auxiliary", null)]
    [InlineData("LPT", null)]
    [InlineData(".gitignore", null)]
    [InlineData("..", null)]
    [InlineData(".", null)]
    [InlineData("caf\u00e9.py", null)]
    public void HazardNamesWhatWindowsCannotCreate(string name, string? hazard) => Assert.Equal(hazard, WindowsNames.Hazard(name));

    [Theory]
    [InlineData("Main.py", "main.py", true)]
    [InlineData("lib./x.py", "lib/x.py", true)]
    [InlineData("lib /x.py", "LIB/x.py", true)]
    [InlineData("main.py.", "MAIN.PY", true)]
    [InlineData("a/b", "a/c", false)]
    [InlineData("a.b", "ab", false)]
    [InlineData("docs/", "Docs/", true)]
    public void FoldKeyIsOneForNamesWindowsStoresAsOne(string a, string b, bool same) =>
        Assert.Equal(same, WindowsNames.FoldKey(a) == WindowsNames.FoldKey(b));
}
