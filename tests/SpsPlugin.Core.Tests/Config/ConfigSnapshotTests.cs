namespace SpsPlugin.Tests.Config;

/// <summary>A configuration made from the text a snapshot carries: that text, the file named but not read, the file's limits.</summary>
public sealed class ConfigSnapshotTests
{
    [Fact]
    public void KeepsTheCarriedTextPathAndByteOrderMarkWithoutReadingTheFile()
    {
        var config = SpsPluginConfig.FromSnapshot("[s]\na = 1\n", "/nowhere/gone.cfg", null, hasByteOrderMark: true);
        Assert.Equal("[s]\na = 1\n", config.Text);
        Assert.Equal("/nowhere/gone.cfg", config.Path);
        Assert.True(config.HasByteOrderMark);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'[' }, System.Linq.Enumerable.Take(config.ToBytes(), 4));
        Assert.False(SpsPluginConfig.FromSnapshot("[s]\n", null, null, hasByteOrderMark: false).HasByteOrderMark);
    }

    [Fact]
    public void RefusesTextNoConfigurationFileCouldHold()
    {
        // Built at run time: a lone surrogate does not survive test-case serialisation.
        foreach (var text in new[] { "[s]\na = \0\n", "[s]\na = " + (char)0xD800 + "\n" })
        {
            var error = Assert.Throws<SpsPluginException>(() => SpsPluginConfig.FromSnapshot(text, "/x.cfg", null, false));
            Assert.Equal(SpsPluginErrorId.ConfigEncoding, error.ErrorId);
        }
    }

    [Fact]
    public void RefusesTextLargerThanAConfigurationFileMayBe()
    {
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginConfig.FromSnapshot(new string('a', SpsPluginConfig.MaxBytes + 1), null, null, false));
        Assert.Equal(SpsPluginErrorId.ConfigTooLarge, error.ErrorId);
    }
}
