using SpsPlugin.IO;

namespace SpsPlugin.Tests.Platform;

/// <summary>Path rules with the platform as a parameter: the Windows cases run on Linux.</summary>
public sealed class PlatformPathsTests
{
    [Theory]
    [InlineData(@"C:\Plugins\x\main.py", @"C:\Plugins\x", true, true)]
    [InlineData(@"c:\plugins\X\main.py", @"C:\Plugins\x", true, true)]   // NTFS ignores case: inside
    [InlineData(@"C:\Plugins\x\main.py", @"C:\Plugins\x\", true, true)]
    [InlineData(@"C:/Plugins/x/main.py", @"C:\Plugins\x", true, true)]
    [InlineData(@"C:\Plugins\xy\main.py", @"C:\Plugins\x", true, false)] // a sibling with a longer name
    [InlineData(@"C:\Plugins\x", @"C:\Plugins\x", true, false)]          // the root itself is not below it
    [InlineData(@"D:\Plugins\x\main.py", @"C:\Plugins\x", true, false)]
    [InlineData("/home/me/plugin/main.py", "/home/me/plugin", false, true)]
    [InlineData("/home/me/Plugin/main.py", "/home/me/plugin", false, false)] // Linux keeps case: outside
    [InlineData("/home/me/plugin2/main.py", "/home/me/plugin", false, false)]
    [InlineData("/home/me/plugin/main.py", "/home/me/plugin/", false, true)]
    public void IsInsideComparesAsThePlatformDoes(string path, string root, bool windows, bool inside) =>
        Assert.Equal(inside, PlatformPaths.IsInside(path, root, windows));

    [Theory]
    [InlineData(@"docs\*", true, "docs/*")]
    [InlineData(@"docs\*", false, @"docs\*")]
    [InlineData(@"\#notes", false, @"\#notes")]
    [InlineData("tests/", true, "tests/")]
    public void ATypedBackslashIsASeparatorOnWindowsOnly(string pattern, bool windows, string expected) =>
        Assert.Equal(expected, PlatformPaths.TypedPattern(pattern, windows));

    [Fact]
    public void LongWindowsPathsGetTheirExtendedPrefixForKernel32()
    {
        var deep = @"C:\Users\me\" + new string('d', 250) + @"\main.py";
        Assert.Equal(@"\\?\" + deep, PlatformPaths.WindowsApiPath(deep));
        Assert.Equal(@"\\?\UNC\server\share\" + new string('d', 250), PlatformPaths.WindowsApiPath(@"\\server\share\" + new string('d', 250)));
        Assert.Equal(@"\\?\" + deep, PlatformPaths.WindowsApiPath(@"\\?\" + deep));
        Assert.Equal(@"C:\Users\me\main.py", PlatformPaths.WindowsApiPath(@"C:\Users\me\main.py"));
    }

    [Theory]
    [InlineData(@"C:\Users\me\plugin\main.py", true, "file:///C:/Users/me/plugin/main.py")]
    [InlineData(@"C:\Users\me\my plugin\", true, "file:///C:/Users/me/my%20plugin/")]
    [InlineData(@"C:\a#b\c%d.py", true, "file:///C:/a%23b/c%25d.py")]
    [InlineData(@"\\server\share\plugin\main.py", true, "file://server/share/plugin/main.py")]
    [InlineData("/home/me/plugin/main.py", false, "file:///home/me/plugin/main.py")]
    [InlineData("/home/me/my plugin/", false, "file:///home/me/my%20plugin/")]
    public void FileUrisCarryTheDriveOrServer(string path, bool windows, string uri) => Assert.Equal(uri, PlatformPaths.FileUri(path, windows));
}
