namespace SpsPlugin.Tests.Manifest;

public sealed class ManifestYamlWriterTests
{
    [Theory]
    [InlineData("main.py", "main.py")]
    [InlineData("2.0.3", "2.0.3")]
    [InlineData("1.10", "'1.10'")]
    [InlineData("1.6", "'1.6'")]
    [InlineData("yes", "'yes'")]
    [InlineData("null", "'null'")]
    [InlineData("", "''")]
    [InlineData("010", "'010'")]
    [InlineData("2019-04-25", "'2019-04-25'")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("a #b", "'a #b'")]
    [InlineData("it's", "it's")]
    [InlineData("'quoted'", "'''quoted'''")]
    [InlineData("@handle", "'@handle'")]
    [InlineData("- dash", "'- dash'")]
    [InlineData("trailing ", "'trailing '")]
    [InlineData("two\nlines", "\"two\\nlines\"")]
    [InlineData("tab\tinside", "\"tab\\tinside\"")]
    [InlineData("6.13.0~", "6.13.0~")]
    [InlineData("QDL.QBU-OI.RD@oneidentity.com", "QDL.QBU-OI.RD@oneidentity.com")]
    public void WritesTheShortestFormThatReadsBackAsTheSameString(string value, string expected)
    {
        var written = ManifestYamlWriter.FormatString(value);
        Assert.Equal(expected, written);
        var reread = SpsPluginManifest.Parse("key: " + written + "\n");
        Assert.True(reread.IsReadable, string.Join("; ", reread.Diagnostics));
        Assert.Equal(PyYamlType.String, reread.GetValue("key")!.Type);
        Assert.Equal(value, reread.GetValue("key")!.Value);
    }
}
