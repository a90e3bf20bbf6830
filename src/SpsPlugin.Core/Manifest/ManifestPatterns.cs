using System.Text.RegularExpressions;

namespace SpsPlugin;

/// <summary>
/// The SDK's patterns for MANIFEST values that other parts of the module also check before a
/// MANIFEST exists or is validated: the scaffolder refuses a bad name or e-mail up front, and the
/// simulator names a state directory after the plugin.
/// </summary>
internal static class ManifestPatterns
{
    /// <summary>The SDK's name rule, <c>[a-zA-Z][a-zA-Z0-9_]+</c> (NameFormatError).</summary>
    public static readonly Regex PluginName = new("^[a-zA-Z][a-zA-Z0-9_]+$", RegexOptions.CultureInvariant);

    /// <summary>The SDK's author_email rule, empty allowed (EmailAddressFormatError).</summary>
    public static readonly Regex AuthorEmail = new(@"^([-+_.a-zA-Z0-9]+@[-_a-zA-Z0-9]+(\.[-_a-zA-Z0-9]+)*)?$", RegexOptions.CultureInvariant);

    /// <summary>
    /// True when <paramref name="name"/> fully matches the name rule, as the SDK's <c>re.fullmatch</c>
    /// does: .NET's <c>$</c> also matches before a final line break, which fullmatch refuses.
    /// </summary>
    public static bool IsPluginName(string name) => name.IndexOf('\n') < 0 && PluginName.IsMatch(name);

    /// <summary>True when <paramref name="email"/> is an address the SDK accepts (or empty), a final line break refused.</summary>
    public static bool IsAuthorEmail(string email) => email.IndexOf('\n') < 0 && AuthorEmail.IsMatch(email);
}
