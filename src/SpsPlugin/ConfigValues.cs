using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;

namespace SpsPlugin;

/// <summary>
/// Turns the PowerShell shapes of configuration values into (section, option, value) triples:
/// <c>@{ 'duo.ikey' = '$' }</c> (section and option joined by the last dot), nested
/// <c>@{ duo = @{ ikey = '$' } }</c>, or, with a section given, <c>@{ ikey = '$' }</c>. The values stay
/// as given, so the caller still sees a SecureString (<see cref="HoldsSecureString"/>) before
/// <see cref="ToPlain"/> hands them to Core's <see cref="ConfigValueText"/>.
/// </summary>
internal static class ConfigValues
{
    public static List<KeyValuePair<string, KeyValuePair<string, object?>>> Flatten(IDictionary values, string? section)
    {
        var result = new List<KeyValuePair<string, KeyValuePair<string, object?>>>();
        foreach (DictionaryEntry entry in values)
        {
            var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
            var value = Unwrap(entry.Value);
            if (section == null && value is IDictionary nested)
            {
                result.AddRange(Flatten(nested, key));
                continue;
            }
            string targetSection;
            string option;
            if (section != null)
            {
                targetSection = section;
                option = key;
            }
            else
            {
                var dot = key.LastIndexOf('.');
                if (dot <= 0 || dot == key.Length - 1)
                {
                    throw new ArgumentException($"The key '{key}' names no section: write 'section.option' (e.g. 'logging.log_level'), nest a hashtable per section, or give -Section.");
                }
                targetSection = key.Substring(0, dot);
                option = key.Substring(dot + 1);
            }
            result.Add(new KeyValuePair<string, KeyValuePair<string, object?>>(targetSection, new KeyValuePair<string, object?>(option, value)));
        }
        return result;
    }

    /// <summary>The value as configuration text: strings as they are, booleans as yes/no (what the SDK accepts), secure strings decrypted.</summary>
    public static string ToText(object? value)
    {
        var unwrapped = Unwrap(value);
        if (unwrapped is not SecureString secure)
        {
            return SpsPluginConfigText.FromValue(unwrapped);
        }
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    /// <summary>
    /// A value as Core can judge it: PSObject wrappers removed, a SecureString as its text (it is about
    /// to be written), an array's items likewise (Core refuses an array where the option is no list).
    /// </summary>
    public static object? ToPlain(object? value) => Unwrap(value) switch
    {
        SecureString secure => ToText(secure),
        IEnumerable items and not string and not IDictionary => items.Cast<object?>().Select(item => Unwrap(item) is SecureString secure ? ToText(secure) : Unwrap(item)).ToArray(),
        var other => other,
    };

    /// <summary>True when the value is a SecureString or an array holding one: its text must never be shown.</summary>
    public static bool HoldsSecureString(object? value) => Unwrap(value) switch
    {
        SecureString => true,
        IEnumerable items and not string and not IDictionary => items.Cast<object?>().Any(item => Unwrap(item) is SecureString),
        _ => false,
    };

    public static object? Unwrap(object? value) => value is PSObject wrapper ? wrapper.BaseObject : value;
}
