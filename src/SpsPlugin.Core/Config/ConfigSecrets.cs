using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpsPlugin.Config;

/// <summary>
/// Which option values are secrets, so that views and reports hide them and nothing else. A value
/// is a secret when the option holds one (its name says so the way One Identity plugins and the SDK
/// name them: password, secret, token, skey, api_key…) AND the value is a literal: a <c>$</c>
/// Credential Store reference, a <c>$[name]</c> trusted CA list, a yes/no, a number, an empty value
/// or a <c>&lt;placeholder&gt;</c> is shown, since none of them gives a secret away.
/// </summary>
internal static class ConfigSecrets
{
    // The last word of the name decides: reuse_gateway_password holds a password (yes/no, shown as a
    // boolean), while password_field, secrets_path or key_field name where a secret is, not the secret.
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "passphrase", "secret", "token", "skey", "ikey", "apikey",
    };

    // "key" and "cert" alone are no secrets (the [question_N] key, ca_cert); these pairs are: an API
    // key, a private or shared key, PingID's base64_key, TPAM's server_user_key, and the client
    // certificate that the corpus plugins take with its private key inline.
    private static readonly HashSet<string> SecretPairs = new(StringComparer.Ordinal)
    {
        "api_key", "private_key", "secret_key", "access_key", "shared_key", "base64_key", "user_key", "client_cert",
    };

    private static readonly Regex Number = new(@"^[+-]?[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant);

    // "(InterpolationSyntaxError)" in BasicInterpolation's messages: the kind, which says nothing of the value.
    private static readonly Regex InterpolationErrorKind = new(@"\((Interpolation[A-Za-z]*Error)\)", RegexOptions.CultureInvariant);

    private static readonly char[] Separators = { '_', '-', '.', ' ' };

    /// <summary>True when an option called <paramref name="name"/> holds a secret (case-insensitive).</summary>
    public static bool IsSecretName(string name)
    {
        var words = PyText.Lower(name).Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return false;
        }
        return SecretWords.Contains(words[words.Length - 1])
            || (words.Length > 1 && SecretPairs.Contains(words[words.Length - 2] + "_" + words[words.Length - 1]));
    }

    /// <summary>True when <paramref name="value"/> of option <paramref name="name"/> is a secret to hide.</summary>
    public static bool IsSecretValue(string name, string value) => IsSecretName(name) && IsLiteral(value);

    /// <summary>
    /// An interpolation error of a secret value, said without the parts of the value configparser's
    /// message quotes: the kind (InterpolationSyntaxError…) and the fix only.
    /// </summary>
    public static string InterpolationErrorWithoutValue(string error)
    {
        var kind = InterpolationErrorKind.Match(error);
        return $"the value (a secret, not shown) has a '%' the interpolation rejects ({(kind.Success ? kind.Groups[1].Value : "InterpolationError")}): write %% for a literal %, or %(name)s to refer to an option";
    }

    private static bool IsLiteral(string value)
    {
        var text = value.Trim();
        return text.Length > 0
            && text != "$"
            && !(text.StartsWith("$[", StringComparison.Ordinal) && text.EndsWith("]", StringComparison.Ordinal))
            && !IsBoolean(text)
            && !Number.IsMatch(text)
            && !IsPlaceholder(text);
    }

    // Every spelling configparser's getboolean and the SDK's read as a boolean.
    private static bool IsBoolean(string text) =>
        new[] { "yes", "no", "true", "false", "on", "off" }.Contains(text.ToLowerInvariant());

    private static bool IsPlaceholder(string text) =>
        text.StartsWith("<", StringComparison.Ordinal) && text.EndsWith(">", StringComparison.Ordinal) && text.IndexOf('\n') < 0;
}
