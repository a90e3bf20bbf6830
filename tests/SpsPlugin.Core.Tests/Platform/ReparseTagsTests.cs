using System;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.IO;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Platform;

/// <summary>Windows reparse points as data: which tags are links, and what a link's reparse buffer names.</summary>
public sealed class ReparseTagsTests
{
    [Theory]
    [InlineData(0xA000000CU, true)]  // IO_REPARSE_TAG_SYMLINK
    [InlineData(0xA0000003U, true)]  // IO_REPARSE_TAG_MOUNT_POINT (junction)
    [InlineData(0x9000001AU, false)] // IO_REPARSE_TAG_CLOUD (OneDrive Files On-Demand)
    [InlineData(0x9000101AU, false)] // IO_REPARSE_TAG_CLOUD_1
    [InlineData(0x9000F01AU, false)] // IO_REPARSE_TAG_CLOUD_F
    [InlineData(0x80000013U, false)] // IO_REPARSE_TAG_DEDUP
    [InlineData(0x90001018U, false)] // IO_REPARSE_TAG_WCI (containers)
    [InlineData(0x8000001BU, false)] // IO_REPARSE_TAG_APPEXECLINK (Store app stubs)
    [InlineData(0x80000023U, false)] // IO_REPARSE_TAG_AF_UNIX
    [InlineData(0x00000000U, false)]
    public void OnlySymlinksAndJunctionsAreLinks(uint tag, bool isLink) => Assert.Equal(isLink, ReparseTags.IsLink(tag));

    [Theory]
    [InlineData(FileAttributes.Normal, null, true, false)]
    [InlineData(FileAttributes.Normal, null, false, false)]
    [InlineData(FileAttributes.ReparsePoint, null, false, true)]              // Unix: the attribute is how .NET shows a symlink
    [InlineData(FileAttributes.ReparsePoint | FileAttributes.Directory, 0x9000001AU, false, true)] // the tag is a Windows notion
    [InlineData(FileAttributes.ReparsePoint, 0x9000001AU, true, false)]       // a OneDrive placeholder file
    [InlineData(FileAttributes.ReparsePoint | FileAttributes.Directory, 0x9000001AU, true, false)]
    [InlineData(FileAttributes.ReparsePoint, 0xA000000CU, true, true)]
    [InlineData(FileAttributes.ReparsePoint | FileAttributes.Directory, 0xA0000003U, true, true)]
    [InlineData(FileAttributes.ReparsePoint, null, true, true)]               // tag unreadable: refused rather than followed
    public void TheAttributeAndOnWindowsTheTagDecide(FileAttributes attributes, uint? tag, bool windows, bool isLink) =>
        Assert.Equal(isLink, FileLinks.IsLink(attributes, tag, windows));

    [Theory]
    [InlineData(0xA000000CU, @"..\shared\util.py", @"..\shared\util.py", 1U, @"..\shared\util.py")]
    [InlineData(0xA000000CU, @"\??\C:\Users\me\x.py", @"C:\Users\me\x.py", 0U, @"C:\Users\me\x.py")]
    [InlineData(0xA000000CU, @"\??\C:\Users\me\x.py", "", 0U, @"C:\Users\me\x.py")]
    [InlineData(0xA0000003U, @"\??\D:\plugins\lib", "", 0U, @"D:\plugins\lib")]
    [InlineData(0xA0000003U, @"\??\D:\plugins\lib", @"D:\plugins\lib", 0U, @"D:\plugins\lib")]
    [InlineData(0x9000001AU, "x", "x", 0U, null)]
    public void TheTargetIsReadFromTheReparseBuffer(uint tag, string substitute, string print, uint flags, string? expected)
    {
        var buffer = Buffer(tag, substitute, print, flags);
        Assert.Equal(expected, ReparseTags.Target(buffer, buffer.Length));
    }

    [Fact]
    public void ATruncatedBufferHasNoTarget()
    {
        var buffer = Buffer(ReparseTags.Symlink, @"\??\C:\x", @"C:\x", 0);
        Assert.Null(ReparseTags.Target(buffer, 12));
        Assert.Null(ReparseTags.Target(buffer, buffer.Length - 2));
    }

    [UnixFact]
    public void OnUnixReadlinkGivesWhatLinkTargetGives()
    {
        using var temp = new TempFolder();
        var file = temp.Write("plugin/util.py", "#\n");
        var link = temp.Combine("plugin", "link.py");
        File.CreateSymbolicLink(link, "util.py");
        Assert.Equal("util.py", FileLinks.UnixTarget(link));
        Assert.Equal(new FileInfo(link).LinkTarget, FileLinks.Target(new FileInfo(link)));
        Assert.True(FileLinks.IsLink(new FileInfo(link)));
        Assert.False(FileLinks.IsLink(new FileInfo(file)));
        Assert.Null(FileLinks.UnixTarget(file));
        File.Delete(file);
        Assert.True(FileLinks.IsLink(new FileInfo(link)), "a dangling link is still a link");
    }

    // REPARSE_DATA_BUFFER: tag, data length, reserved; substitute offset/length, print offset/length,
    // (flags for a symlink), then the path buffer holding both names.
    private static byte[] Buffer(uint tag, string substitute, string print, uint flags)
    {
        var names = Encoding.Unicode.GetBytes(substitute + print);
        var header = tag == ReparseTags.Symlink ? 20 : 16;
        var buffer = new byte[header + names.Length];
        BitConverter.GetBytes(tag).CopyTo(buffer, 0);
        BitConverter.GetBytes((ushort)(buffer.Length - 8)).CopyTo(buffer, 4);
        BitConverter.GetBytes((ushort)0).CopyTo(buffer, 8);
        BitConverter.GetBytes((ushort)(substitute.Length * 2)).CopyTo(buffer, 10);
        BitConverter.GetBytes((ushort)(substitute.Length * 2)).CopyTo(buffer, 12);
        BitConverter.GetBytes((ushort)(print.Length * 2)).CopyTo(buffer, 14);
        if (tag == ReparseTags.Symlink)
        {
            BitConverter.GetBytes(flags).CopyTo(buffer, 16);
        }
        names.CopyTo(buffer, header);
        return buffer;
    }
}
