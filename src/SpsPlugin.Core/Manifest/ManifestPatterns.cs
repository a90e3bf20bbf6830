using System.Text.RegularExpressions;

namespace SpsPlugin;

/// <summary>
/// The SDK's patterns for MANIFEST values that other parts of the module also check before a
/// MANIFEST exists or is validated: the scaffolder refuses a bad name or e-mail up front, and the
/// simulator names a state directory after the plugin.
/// </summary>
/// <remarks>
/// The SDK uses Python's <c>re.fullmatch</c>; the patterns end in <c>\z</c>, not <c>$</c>, because
/// <c>$</c> also matches before a final line break, which fullmatch refuses ("ab\n" is no name).
/// </remarks>
internal static class ManifestPatterns
{
    /// <summary>The SDK's name rule, <c>[a-zA-Z][a-zA-Z0-9_]+</c> (NameFormatError).</summary>
    private static readonly Regex PluginName = new(@"^[a-zA-Z][a-zA-Z0-9_]+\z", RegexOptions.CultureInvariant);

    /// <summary>The SDK's author_email rule, empty allowed (EmailAddressFormatError).</summary>
    private static readonly Regex AuthorEmail = new(@"^([-+_.a-zA-Z0-9]+@[-_a-zA-Z0-9]+(\.[-_a-zA-Z0-9]+)*)?\z", RegexOptions.CultureInvariant);

    /// <summary>True when <paramref name="name"/> fully matches the name rule.</summary>
    public static bool IsPluginName(string name) => PluginName.IsMatch(name);

    /// <summary>True when <paramref name="email"/> is an address the SDK accepts (or empty).</summary>
    public static bool IsAuthorEmail(string email) => AuthorEmail.IsMatch(email);
}
