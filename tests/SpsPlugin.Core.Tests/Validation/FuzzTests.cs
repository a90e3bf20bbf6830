using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Validation;

/// <summary>
/// Mutated zips and MANIFESTs from a fixed seed: whatever the bytes, validation answers with findings
/// and never throws, hangs or extracts. The benchmark task runs the same with ten times as many.
/// </summary>
public sealed class FuzzTests
{
    public const int Seed = 20261127;

    /// <summary>SPSPLUGIN_FUZZ_SCALE multiplies the case count; the benchmark task sets it to 10.</summary>
    private static int Scale => int.TryParse(Environment.GetEnvironmentVariable("SPSPLUGIN_FUZZ_SCALE"), out var scale) && scale > 0 ? scale : 1;

    [Fact]
    public void ThousandsOfMutatedBundlesNeverThrow()
    {
        using var temp = new TempFolder();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = BundleFuzzer.Run(temp, Seed, zips: 700 * Scale, manifests: 400 * Scale);
        Console.Error.WriteLine($"fuzz: {outcomes.Total} mutated bundles in {watch.Elapsed.TotalSeconds:N1} s, {outcomes.Exceptions.Count} exceptions, {outcomes.Valid} valid, {outcomes.Invalid} invalid");
        Assert.Equal(1100 * Scale, outcomes.Total);
        Assert.Empty(outcomes.Exceptions);
        // The mutations reach far: zips that do not open, manifests that do not parse, and some that still pass.
        Assert.True(outcomes.Invalid > 100, $"only {outcomes.Invalid} invalid");
        Assert.True(outcomes.Valid > 10, $"only {outcomes.Valid} valid");
    }
}

/// <summary>The mutation engine shared by the fuzz test and the benchmark.</summary>
internal static class BundleFuzzer
{
    public sealed class Outcomes
    {
        public int Total { get; set; }

        public int Valid { get; set; }

        public int Invalid { get; set; }

        public List<string> Exceptions { get; } = new();
    }

    private static readonly string[] ManifestFragments =
    {
        "name: x", "version: 1.10", "api: '1.6'", "type: aa", "entry_point: main.py", "\t", ": ", " #", "'", "\"", "[", "]", "{", "&a", "*a",
        "!!str", "|", ">", "---", "...", "%YAML 1.1", "\\x", "\\u00", "~", "null", "yes", "0x1F", "1:30", "2019-04-25", "\r", "\u0085", "\u2028",
        "\u0000", "\ufeff", "é", "  - item", "key=value", ":", "?", "@", "`",
    };

    public static Outcomes Run(TempFolder temp, int seed, int zips, int manifests)
    {
        var random = new Random(seed);
        var outcomes = new Outcomes();
        var good = new Validation.PluginBuilder().ZipBytes();
        var options = new SpsPluginValidationOptions { UsePython = false, TargetRelease = SpsRelease.Find("8.0") };
        var path = temp.Combine("fuzz.zip");
        for (var i = 0; i < zips + manifests; i++)
        {
            var bytes = i < zips ? MutateZip(good, random) : new Validation.PluginBuilder().Set("MANIFEST", MutateManifest(random)).ZipBytes();
            System.IO.File.WriteAllBytes(path, bytes);
            outcomes.Total++;
            try
            {
                var result = SpsPluginValidator.Validate(path, options);
                if (result.IsValid)
                {
                    outcomes.Valid++;
                }
                else
                {
                    outcomes.Invalid++;
                }
            }
            catch (Exception error)
            {
                outcomes.Exceptions.Add($"case {i}: {error.GetType().Name}: {error.Message}");
            }
        }
        return outcomes;
    }

    private static byte[] MutateZip(byte[] good, Random random)
    {
        var bytes = (byte[])good.Clone();
        switch (random.Next(5))
        {
            case 0:
                // Flip a few bytes anywhere.
                for (var n = random.Next(1, 8); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
                return bytes;
            case 1:
                // Cut it short.
                return bytes.Take(random.Next(bytes.Length)).ToArray();
            case 2:
                // Damage the central directory, where sizes, offsets and counts live.
                var directory = ZipBuilder.IndexOf(bytes, new byte[] { 0x50, 0x4B, 0x01, 0x02 });
                for (var n = random.Next(1, 6); n > 0; n--)
                {
                    bytes[directory + random.Next(bytes.Length - directory)] = (byte)random.Next(256);
                }
                return bytes;
            case 3:
                // Insert junk in the middle.
                var at = random.Next(bytes.Length);
                var junk = new byte[random.Next(1, 64)];
                random.NextBytes(junk);
                return bytes.Take(at).Concat(junk).Concat(bytes.Skip(at)).ToArray();
            default:
                // Large values in size and count fields (0xFF runs).
                var start = random.Next(bytes.Length - 4);
                for (var k = 0; k < 4; k++)
                {
                    bytes[start + k] = 0xFF;
                }
                return bytes;
        }
    }

    private static byte[] MutateManifest(Random random)
    {
        var lines = Validation.PluginBuilder.GoodManifest.Split('\n').ToList();
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            var line = random.Next(lines.Count);
            var fragment = ManifestFragments[random.Next(ManifestFragments.Length)];
            switch (random.Next(3))
            {
                case 0:
                    lines[line] = lines[line].Insert(random.Next(lines[line].Length + 1), fragment);
                    break;
                case 1:
                    lines.Insert(line, fragment);
                    break;
                default:
                    lines.RemoveAt(line);
                    if (lines.Count == 0)
                    {
                        lines.Add(fragment);
                    }
                    break;
            }
        }
        var text = Encoding.UTF8.GetBytes(string.Join("\n", lines));
        if (random.Next(10) == 0)
        {
            text[random.Next(text.Length)] = 0xFF;
        }
        return text;
    }
}
