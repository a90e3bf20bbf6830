using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;

namespace SpsPlugin;

/// <summary>
/// Turns the PowerShell shapes of configuration values into (section, option, value) triples:
/// <c>@{ 'duo.ikey' = '$' }</c> (section and option joined by the last dot), nested
/// <c>@{ duo = @{ ikey = '$' } }</c>, or, with a section given, <c>@{ ikey = '$' }</c>.
/// </summary>
internal static class ConfigValues
{
    public static List<KeyValuePair<string, KeyValuePair<string, string>>> Flatten(IDictionary values, string? section)
    {
        var result = new List<KeyValuePair<string, KeyValuePair<string, string>>>();
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
            result.Add(new KeyValuePair<string, KeyValuePair<string, string>>(targetSection, new KeyValuePair<string, string>(option, ToText(value))));
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

    public static object? Unwrap(object? value) => value is PSObject wrapper ? wrapper.BaseObject : value;
}
