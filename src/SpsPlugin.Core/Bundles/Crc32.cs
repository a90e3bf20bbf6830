namespace SpsPlugin.Bundles;

/// <summary>
/// The CRC-32 (IEEE 802.3, reflected) that zip stores per entry. Slicing-by-16: sixteen bytes per step
/// through sixteen tables, about five times the speed of one table per byte, which made the CRC a
/// sixth of a pack's work (netstandard2.0 has no hardware CRC, and no new package is taken for one).
/// </summary>
internal static class Crc32
{
    private const int Slices = 16;

    // Table k (at k * 256) holds the CRC of a byte followed by k zero bytes.
    private static readonly uint[] Table = BuildTable();

    public static uint Update(uint crc, byte[] buffer, int offset, int count)
    {
        var table = Table;
        crc = ~crc;
        var i = offset;
        var end = offset + count;
        for (; end - i >= Slices; i += Slices)
        {
            var head = crc ^ (uint)(buffer[i] | buffer[i + 1] << 8 | buffer[i + 2] << 16 | buffer[i + 3] << 24);
            crc = table[(15 * 256) + (head & 0xFF)] ^ table[(14 * 256) + ((head >> 8) & 0xFF)]
                ^ table[(13 * 256) + ((head >> 16) & 0xFF)] ^ table[(12 * 256) + (head >> 24)]
                ^ table[(11 * 256) + buffer[i + 4]] ^ table[(10 * 256) + buffer[i + 5]]
                ^ table[(9 * 256) + buffer[i + 6]] ^ table[(8 * 256) + buffer[i + 7]]
                ^ table[(7 * 256) + buffer[i + 8]] ^ table[(6 * 256) + buffer[i + 9]]
                ^ table[(5 * 256) + buffer[i + 10]] ^ table[(4 * 256) + buffer[i + 11]]
                ^ table[(3 * 256) + buffer[i + 12]] ^ table[(2 * 256) + buffer[i + 13]]
                ^ table[256 + buffer[i + 14]] ^ table[buffer[i + 15]];
        }
        for (; i < end; i++)
        {
            crc = table[(crc ^ buffer[i]) & 0xFF] ^ (crc >> 8);
        }
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[Slices * 256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        for (var slice = 1; slice < Slices; slice++)
        {
            for (var n = 0; n < 256; n++)
            {
                var previous = table[((slice - 1) * 256) + n];
                table[(slice * 256) + n] = (previous >> 8) ^ table[previous & 0xFF];
            }
        }
        return table;
    }
}
