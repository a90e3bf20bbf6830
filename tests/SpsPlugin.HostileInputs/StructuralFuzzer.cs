using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SpsPlugin.HostileInputs;

/// <summary>One generated fuzz input: a plugin zip and the mutation that made it.</summary>
public sealed class FuzzCase
{
    public FuzzCase(int number, string mutation, byte[] zip)
    {
        Number = number;
        Mutation = mutation;
        Zip = zip;
    }

    public int Number { get; }

    /// <summary>What was changed, to reproduce a failure by hand.</summary>
    public string Mutation { get; }

    public byte[] Zip { get; }
}

/// <summary>
/// Structure-aware mutations of a good plugin zip, from a seed: header fields set to the values that break
/// naive readers (sizes, CRCs, offsets, flags, attributes), ZIP64 extra fields, name bytes, entries that
/// share data, MANIFEST nesting depth and default.cfg interpolation chains. Byte flips find little in a
/// format with checksums; these reach the code paths an attacker aims at.
/// </summary>
public static class StructuralFuzzer
{
    private static readonly long[] InterestingSizes =
    {
        0, 1, 10, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF, -1, -1001L * 1024 * 1024, 21 * 1024 * 1024,
    };

    private static readonly ulong[] InterestingZip64 =
    {
        0, 1, 0xFFFFFFFF, 0x100000000, long.MaxValue, 1UL << 63, ulong.MaxValue, ulong.MaxValue - 1000, 20 * 1024 * 1024,
    };

    private static readonly string[] NameFragments =
    {
        "\0", "\u0001", "\u001b[2J", "\n", "\r", "\t", "/", "//", "\\", "..", "../", "./", "C:", "CON", "aux.py", " ", ".", "\u00e9",
        "e\u0301", "\u202e", "\ufeff", "\uffff", "main.py", "MANIFEST", "default.cfg", "main.py/", "~", ":", "*", "?", "\"",
    };

    private static readonly uint[] InterestingAttributes =
    {
        0x10, 0x01, 0x41ED0010, 0x81A40000, 0xA1FF0000, 0x11A40000, 0x61A40000, 0xC1A40000, 0x21A40000, 0xFFFFFFFF, 0,
    };

    /// <summary>The <paramref name="count"/> cases of <paramref name="seed"/>, the same every run.</summary>
    public static IEnumerable<FuzzCase> Cases(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var what = new List<string>();
            // Text first (a file's content is fixed once added), then header fields of the built entries.
            var texts = new List<(string Path, string Text)>();
            if (random.Next(6) == 0)
            {
                texts.Add(NestedManifest(random, what));
            }
            if (random.Next(6) == 0)
            {
                texts.Add(InterpolatingConfig(random, what));
            }
            var zip = HostileCatalogue.PluginZip(texts.ToArray());
            for (var n = random.Next(texts.Count == 0 ? 1 : 0, 4); n > 0; n--)
            {
                what.Add(Mutate(zip, random));
            }
            var bytes = zip.Build();
            if (random.Next(8) == 0)
            {
                what.Add(PatchHeaderField(bytes, random));
            }
            yield return new FuzzCase(i, string.Join("; ", what), bytes);
        }
    }

    private static (string, string) NestedManifest(Random random, List<string> what)
    {
        var depth = random.Next(2) == 0 ? random.Next(1, 64) : random.Next(64, 3000);
        var open = random.Next(2) == 0 ? "[" : "{a: ";
        var close = open == "[" ? "]" : "}";
        what.Add($"MANIFEST nested {depth} deep with {open.Trim()}");
        return ("MANIFEST", HostileCatalogue.GoodManifest + "x: " + HostileCatalogue.Repeat(open, depth) + "1" + HostileCatalogue.Repeat(close, random.Next(4) == 0 ? depth - 1 : depth) + "\n");
    }

    private static (string, string) InterpolatingConfig(Random random, List<string> what)
    {
        var chain = InterpolationChain(random.Next(1, 13), random.Next(1, 13), random.Next(6) == 0);
        what.Add($"default.cfg interpolation chain of {chain.Length} bytes");
        return ("default.cfg", chain);
    }

    private static string Mutate(ZipBuilder zip, Random random)
    {
        var entry = zip.Entries[random.Next(zip.Entries.Count)];
        switch (random.Next(10))
        {
            case 0:
                entry.UncompressedSize = unchecked((ulong)Pick(InterestingSizes, random));
                return $"{entry.Name}: size {entry.UncompressedSize}";
            case 1:
                entry.CompressedSize = unchecked((ulong)Pick(InterestingSizes, random));
                return $"{entry.Name}: compressed size {entry.CompressedSize}";
            case 2:
                entry.Crc32 = (uint)random.Next();
                return $"{entry.Name}: crc {entry.Crc32}";
            case 3:
                entry.Zip64Uncompressed = random.Next(2) == 0;
                entry.Zip64Compressed = random.Next(2) == 0;
                entry.Zip64Offset = random.Next(2) == 0;
                entry.UncompressedSize = random.Next(2) == 0 ? Pick(InterestingZip64, random) : null;
                entry.CompressedSize = random.Next(2) == 0 ? Pick(InterestingZip64, random) : null;
                return $"{entry.Name}: zip64 size {entry.UncompressedSize} compressed {entry.CompressedSize}";
            case 4:
                var shared = zip.Entries[random.Next(zip.Entries.Count)];
                zip.AddSharing(shared, random.Next(2) == 0 ? null : "copy" + zip.Entries.Count + ".bin");
                return $"an entry sharing the local header of {shared.Name}";
            case 5:
                var name = InsertFragment(entry.Name, random);
                entry.NameBytes = Encoding.UTF8.GetBytes(name);
                return $"{entry.Name}: name {Escape(name)}";
            case 6:
                entry.LocalNameBytes = Encoding.UTF8.GetBytes(InsertFragment(entry.Name, random));
                return $"{entry.Name}: local name {Escape(Encoding.UTF8.GetString(entry.LocalNameBytes))}";
            case 7:
                entry.ExternalAttributes = Pick(InterestingAttributes, random);
                entry.VersionMadeBy = (ushort)((random.Next(2) == 0 ? 0 : random.Next(2) == 0 ? 3 : 19) << 8 | 20);
                return $"{entry.Name}: attributes 0x{entry.ExternalAttributes:X8}, made by {entry.VersionMadeBy >> 8}";
            case 8:
                entry.Flags = (ushort)(entry.Flags ^ (1 << random.Next(16)));
                return $"{entry.Name}: flags 0x{entry.Flags:X4}";
            default:
                var data = new byte[random.Next(0, 4096)];
                random.NextBytes(data);
                var added = zip.Add(random.Next(2) == 0 ? "lib/" : InsertFragment("lib/x.py", random), data, deflate: random.Next(2) == 0);
                return $"an added entry {Escape(added.Name)} of {data.Length} random bytes";
        }
    }

    /// <summary>Overwrites one fixed-offset field of one header (local, central, end) with an interesting value.</summary>
    private static string PatchHeaderField(byte[] zip, Random random)
    {
        var signatures = new (byte[] Signature, int[] Fields, string Name)[]
        {
            (new byte[] { 0x50, 0x4B, 0x03, 0x04 }, new[] { 4, 6, 8, 14, 18, 22, 26, 28 }, "local header"),
            (new byte[] { 0x50, 0x4B, 0x01, 0x02 }, new[] { 4, 6, 8, 10, 16, 20, 24, 28, 30, 32, 34, 38, 42 }, "central header"),
            (new byte[] { 0x50, 0x4B, 0x05, 0x06 }, new[] { 4, 6, 8, 10, 12, 16, 20 }, "end record"),
        };
        var (signature, fields, name) = signatures[random.Next(signatures.Length)];
        var places = new List<int>();
        for (var at = 0; at + 4 <= zip.Length; at++)
        {
            if (zip[at] == signature[0] && zip[at + 1] == signature[1] && zip[at + 2] == signature[2] && zip[at + 3] == signature[3])
            {
                places.Add(at);
            }
        }
        if (places.Count == 0)
        {
            return "no header to patch";
        }
        var field = places[random.Next(places.Count)] + fields[random.Next(fields.Length)];
        var value = BitConverter.GetBytes((uint)Pick(InterestingSizes, random));
        for (var k = 0; k < 2 + (random.Next(2) * 2) && field + k < zip.Length; k++)
        {
            zip[field + k] = value[k];
        }
        return $"{name} field at {field} patched";
    }

    /// <summary>A default.cfg whose options refer <paramref name="fanOut"/> times to the next level, <paramref name="depth"/> levels deep.</summary>
    public static string InterpolationChain(int depth, int fanOut, bool cyclic)
    {
        var text = new StringBuilder("[chain]\n");
        for (var level = 0; level < depth; level++)
        {
            var next = level + 1 == depth && cyclic ? 0 : level + 1;
            text.Append($"o{level} = ").Append(HostileCatalogue.Repeat($"%(o{next})s", fanOut)).Append('\n');
        }
        if (!cyclic)
        {
            text.Append($"o{depth} = x\n");
        }
        return text.ToString();
    }

    private static string InsertFragment(string name, Random random) =>
        name.Insert(random.Next(name.Length + 1), NameFragments[random.Next(NameFragments.Length)]);

    private static T Pick<T>(T[] values, Random random) => values[random.Next(values.Length)];

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));
}
