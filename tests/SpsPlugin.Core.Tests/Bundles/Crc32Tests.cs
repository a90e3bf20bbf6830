using System;
using System.Text;
using SpsPlugin.Bundles;
using Xunit;

namespace SpsPlugin.Tests.Bundles;

public sealed class Crc32Tests
{
    [Fact]
    public void Check_value_of_the_standard_is_met()
    {
        var data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Update(0, data, 0, data.Length));
    }

    // Every length around the 16-byte steps, at odd offsets, in one call and split in two, against
    // the one-table-per-byte definition: the sliced loop and its tail must agree at every seam.
    [Fact]
    public void Sliced_crc_equals_the_bytewise_definition_at_every_length_offset_and_split()
    {
        var random = new Random(18);
        var buffer = new byte[300];
        random.NextBytes(buffer);
        foreach (var offset in new[] { 0, 1, 7, 15 })
        {
            for (var count = 0; count <= 70; count++)
            {
                var expected = Bytewise(buffer, offset, count);
                Assert.Equal(expected, Crc32.Update(0, buffer, offset, count));
                var split = count / 3;
                Assert.Equal(expected, Crc32.Update(Crc32.Update(0, buffer, offset, split), buffer, offset + split, count - split));
            }
        }
        Assert.Equal(Bytewise(buffer, 3, 297), Crc32.Update(0, buffer, 3, 297));
    }

    private static uint Bytewise(byte[] buffer, int offset, int count)
    {
        var crc = 0xFFFFFFFFu;
        for (var i = offset; i < offset + count; i++)
        {
            crc ^= buffer[i];
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
