using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Numerics;
using SpsPlugin.Config;

namespace SpsPlugin;

/// <summary>
/// The one conversion of a value a cmdlet writes into a configuration option, chosen so that the
/// SDK's getter reads back what was meant: strings as they are; booleans as <c>yes</c>/<c>no</c>
/// (the only words <c>getboolean</c> accepts, reference §6.8); integers and decimals in the invariant
/// culture; doubles as Python's <c>repr(float)</c> (what <c>getfloat</c> parses back to the same
/// number); arrays joined with <c>,</c> only for options that are lists (<c>getlist</c> splits at commas).
/// Everything else (objects, hashtables, dates, script blocks, enums) has no single text: it is refused
/// with <see cref="SpsPluginErrorId.ConfigValueType"/> instead of being written as its type name or in
/// the user's culture. The value itself is never put in a message (it may be a secret).
/// </summary>
public static class ConfigValueText
{
    /// <summary>What the SDK's <c>getlist</c> splits a list option at.</summary>
    public const char ListSeparator = ',';

    // The list options of the SDK's common sections (reference §6.9: interactive_protocols=rdp,ssh,telnet;
    // except=g1,g2). Plugin-specific lists are learnt from the plugin's own default.cfg.
    private static readonly (string Section, string Option)[] SdkLists =
    {
        ("auth", "interactive_protocols"),
        ("whitelist source=ldap_server_group", "except"),
    };

    /// <summary>
    /// The text to write for option <paramref name="option"/> of <paramref name="section"/>.
    /// <paramref name="context"/> is the configuration being edited: an option it shows (enabled or as
    /// a commented template) with a comma-separated value is a list, as the corpus templates write
    /// them (<c>; address=&lt;address&gt;,&lt;address&gt;,...</c>).
    /// </summary>
    /// <exception cref="SpsPluginException">ConfigValueType: the value has no single configuration form there.</exception>
    public static string ForOption(object? value, string section, string option, SpsPluginConfig? context)
    {
        var text = Preview(value, section, option);
        if (value is IEnumerable && value is not string && !IsList(section, option, context))
        {
            throw Refused(section, option,
                $"an array is written only to an option that is a comma-separated list (the SDK's [auth] interactive_protocols, [whitelist source=ldap_server_group] except, or one the plugin's default.cfg shows with commas), and this one is not known as a list. Give one text: -Value ($items -join ',') if the plugin reads a list, or the single value");
        }
        return text;
    }

    /// <summary>
    /// The text as it would be written if the option takes the value's shape (an array as a list):
    /// what -WhatIf shows before the file says whether the option is a list.
    /// </summary>
    /// <exception cref="SpsPluginException">ConfigValueType: the value, or an item of an array, has no single text.</exception>
    public static string Preview(object? value, string section, string option)
    {
        if (TryScalar(value, out var text))
        {
            return text;
        }
        if (value is IEnumerable items && value is not IDictionary)
        {
            return string.Join(ListSeparator.ToString(), items.Cast<object?>().Select((item, index) => ListItem(item, index, section, option)));
        }
        throw Refused(section, option, $"a value of type {value!.GetType().FullName} has no single configuration form. {FixFor(value)}");
    }

    /// <summary>
    /// The text of a value with one obvious form (string, char, boolean, number, null as empty); false
    /// for anything else. Enums are not among them: their name and their number are both plausible.
    /// </summary>
    public static bool TryScalar(object? value, out string text)
    {
        text = value switch
        {
            null => string.Empty,
            string s => s,
            char c => c.ToString(),
            bool flag => flag ? "yes" : "no",
            double d => PythonFormat.FloatRepr(d),
            // A float's shortest digits, not the double it widens to (1.1f would become 1.100000023841858).
            float f => PythonFormat.SingleRepr(f),
            decimal or BigInteger or sbyte or byte or short or ushort or int or uint or long or ulong
                => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
            _ => null!,
        };
        return text != null;
    }

    /// <summary>True when <paramref name="option"/> of <paramref name="section"/> is a comma-separated list.</summary>
    public static bool IsList(string section, string option, SpsPluginConfig? context)
    {
        var key = PyText.Lower(option);
        return SdkLists.Any(l => l.Section == section && l.Option == key)
            || (context != null && context.AllOptions.Any(o => o.Section == section && o.Name == key && o.Value.IndexOf(ListSeparator) >= 0));
    }

    private static string ListItem(object? item, int index, string section, string option)
    {
        if (!TryScalar(item, out var text))
        {
            throw Refused(section, option, $"item {index + 1} of the array is of type {item!.GetType().FullName}, which has no single configuration form. {FixFor(item)}");
        }
        if (text.IndexOf(ListSeparator) >= 0)
        {
            throw Refused(section, option, $"item {index + 1} of the array holds the list separator '{ListSeparator}', so the SDK's getlist would read it as several items. Split it into separate items");
        }
        return text;
    }

    private static string FixFor(object value) => value switch
    {
        DateTime or DateTimeOffset => "Give the text the plugin expects, e.g. -Value $date.ToString('yyyy-MM-dd')",
        Enum => "Give its name or number as text, e.g. -Value $value.ToString()",
        IDictionary => "Give one value per option (a hashtable -Value names options: @{ 'section.option' = 'text' })",
        _ => "Give the text the plugin expects as a string",
    };

    private static SpsPluginException Refused(string section, string option, string why) =>
        new(SpsPluginErrorId.ConfigValueType, $"[{section}] {option} cannot be written: {why}.");
}
