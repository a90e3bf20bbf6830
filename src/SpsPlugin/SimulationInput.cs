using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;

namespace SpsPlugin;

/// <summary>
/// Turns PowerShell values into what the simulation takes: hashtables into dictionaries (for hook
/// arguments and cookies), -Answer into ordered answers (a SecureString is a secret), and
/// -Configuration (text, a file, a plugin folder or zip, or a SpsPluginConfig) into configuration text.
/// </summary>
internal static class SimulationInput
{
    /// <summary>The value as plain data; the text of every SecureString in it is added to <paramref name="secrets"/>, to be masked in what comes back.</summary>
    public static object? ToPlain(object? value, ICollection<string> secrets) => ToPlain(value, secrets, 0);

    // Deeper than any JSON the hook host takes (Core names the exact limit); the bound only stops a
    // hashtable that contains itself from recursing until the stack overflows.
    private const int MaxDepth = 100;

    private static object? ToPlain(object? value, ICollection<string> secrets, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new SpsPluginException(SpsPluginErrorId.HookArgumentInvalid,
                "A hook argument contains itself (or nests far deeper than the 64 levels JSON can carry here); SPS passes arguments as JSON, which cannot carry it.");
        }
        switch (ConfigValues.Unwrap(value))
        {
            case null:
                return null;
            case string text:
                return text;
            case SecureString secure:
                var plain = ConfigValues.ToText(secure);
                secrets.Add(plain);
                return plain;
            case IDictionary map:
                var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in map)
                {
                    result[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = ToPlain(entry.Value, secrets, depth + 1);
                }
                return result;
            case IEnumerable items:
                return items.Cast<object?>().Select(i => ToPlain(i, secrets, depth + 1)).ToList();
            case var other:
                return other;
        }
    }

    public static Dictionary<string, object?> ToDictionary(IDictionary? map, ICollection<string> secrets) =>
        map == null ? new Dictionary<string, object?>(StringComparer.Ordinal) : (Dictionary<string, object?>)ToPlain(map, secrets)!;

    /// <summary>-Environment as variables: values as configuration text (booleans yes/no), a SecureString's text added to <paramref name="secrets"/>.</summary>
    public static Dictionary<string, string> ToEnvironment(IDictionary? map, ICollection<string> secrets)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in map ?? new Hashtable())
        {
            var value = ConfigValues.Unwrap(entry.Value);
            var text = ConfigValues.ToText(value);
            if (value is SecureString)
            {
                secrets.Add(text);
            }
            var name = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            PythonEnvironment.Check(name, text);
            result[name] = text;
        }
        return result;
    }

    /// <summary>@{ key = 'value' }, @{ key = $secure }, or @{ key = @('first try', 'second try') } for questions asked again.</summary>
    public static List<KeyValuePair<string, SpsPluginAnswer>> ToAnswers(IDictionary? answers)
    {
        var result = new List<KeyValuePair<string, SpsPluginAnswer>>();
        foreach (DictionaryEntry entry in answers ?? new Hashtable())
        {
            var key = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            var value = ConfigValues.Unwrap(entry.Value);
            var values = value is IEnumerable items && value is not string ? items.Cast<object?>() : new[] { value };
            foreach (var item in values)
            {
                var unwrapped = ConfigValues.Unwrap(item);
                result.Add(new KeyValuePair<string, SpsPluginAnswer>(key, new SpsPluginAnswer(ConfigValues.ToText(unwrapped), unwrapped is SecureString)));
            }
        }
        return result;
    }

    /// <summary>
    /// The configuration text: a SpsPluginConfig's text, a file item's (a .cfg file, a plugin folder or
    /// zip), or what <see cref="SpsPluginSimulationConfiguration.Text"/> makes of text.
    /// </summary>
    public static string ConfigurationText(object? value, string pluginPath, Func<string, string> resolvePath) =>
        ConfigValues.Unwrap(value) switch
        {
            SpsPluginConfig config => config.Text,
            FileSystemInfo item => SpsPluginBundle.OpenConfig(item.FullName).Text,
            var other => SpsPluginSimulationConfiguration.Text(other == null ? null : ConfigValues.ToText(other), pluginPath, resolvePath),
        };
}
