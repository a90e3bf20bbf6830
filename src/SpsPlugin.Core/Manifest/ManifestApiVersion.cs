using System;
using System.Numerics;
using System.Text.RegularExpressions;

namespace SpsPlugin;

/// <summary>
/// A MANIFEST's api as the SDK reads it: <c>semantic_version.Version(str(api), partial=True)</c>
/// (semantic_version 2.9), with the patch level then set to 0. Used by the ManifestApi rule (does the
/// SDK read it at all) and the ReleaseApi rule (does a release's SDK accept it).
/// </summary>
internal sealed class ManifestApiVersion
{
    // semantic_version's partial_version_re, matched as re.match does: \d is any Unicode decimal digit
    // in both Python and .NET, and '$' also matches before a final line break in both ("1.2\n" is read).
    private static readonly Regex Partial = new(
        @"^(\d+)(?:\.(\d+)(?:\.(\d+))?)?(?:-([0-9a-zA-Z.-]*))?(?:\+([0-9a-zA-Z.-]*))?$", RegexOptions.CultureInvariant);

    private ManifestApiVersion(BigInteger major, BigInteger? minor)
    {
        Major = major;
        Minor = minor;
    }

    /// <summary>The major number; any number of digits (no Int32 limit, as Python's int has none).</summary>
    public BigInteger Major { get; }

    /// <summary>The minor number; null for a bare major such as <c>api: '1'</c>.</summary>
    public BigInteger? Minor { get; }

    /// <summary>Parses <paramref name="text"/> (Python's str() of the value); null with the reason when semantic_version refuses it.</summary>
    public static ManifestApiVersion? Parse(string text, out string? problem)
    {
        var match = Partial.Match(text);
        if (text.Length == 0 || !match.Success)
        {
            problem = "it is not a version of the form major[.minor[.patch]][-prerelease][+build]";
            return null;
        }
        for (var part = 1; part <= 3; part++)
        {
            var digits = match.Groups[part].Value;
            if (digits.Length > 1 && digits[0] == '0')
            {
                problem = $"'{digits}' has a leading zero, which semantic_version refuses";
                return null;
            }
        }
        problem = CheckIdentifiers(match.Groups[4], allowLeadingZeros: false) ?? CheckIdentifiers(match.Groups[5], allowLeadingZeros: true);
        if (problem != null)
        {
            return null;
        }
        return new ManifestApiVersion(Number(match.Groups[1].Value), match.Groups[2].Success ? Number(match.Groups[2].Value) : null);
    }

    /// <summary>
    /// The SDK's check_api_version: api ≤ the SDK version and the same major. Patch, prerelease and
    /// build cannot change the answer once patch is 0; a bare major fails (Python cannot compare
    /// the missing minor, None, with a number: TypeError), unless the major already differs.
    /// </summary>
    public bool IsAcceptedBy(Version sdkVersion) => Major == sdkVersion.Major && Minor != null && Minor <= sdkVersion.Minor;

    // Empty prerelease or build ("1.2-", "1.2+") is allowed; empty identifiers between dots are not.
    private static string? CheckIdentifiers(Group group, bool allowLeadingZeros)
    {
        if (!group.Success || group.Value.Length == 0)
        {
            return null;
        }
        foreach (var identifier in group.Value.Split('.'))
        {
            if (identifier.Length == 0)
            {
                return $"'{group.Value}' has an empty identifier between dots";
            }
            if (!allowLeadingZeros && identifier.Length > 1 && identifier[0] == '0' && IsAsciiDigits(identifier))
            {
                return $"the prerelease identifier '{identifier}' has a leading zero, which semantic_version refuses";
            }
        }
        return null;
    }

    private static bool IsAsciiDigits(string text)
    {
        foreach (var c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }

    // Python's int() reads every Unicode decimal digit ("١" is 1), as \d matched them.
    private static BigInteger Number(string digits)
    {
        var value = BigInteger.Zero;
        foreach (var c in digits)
        {
            value = value * 10 + (int)char.GetNumericValue(c);
        }
        return value;
    }
}
