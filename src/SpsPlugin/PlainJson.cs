using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace SpsPlugin;

/// <summary>
/// Converts between PowerShell values and the plain JSON values Core reads and writes: hashtables and
/// PSCustomObjects to dictionaries on the way in, dictionaries to PSCustomObjects on the way out (as
/// Invoke-RestMethod gives them).
/// </summary>
internal static class PlainJson
{
    private const int MaxDepth = 64;

    /// <summary>A hashtable, PSCustomObject, array or scalar as plain values for a JSON body.</summary>
    public static object? ToPlain(object? value, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new SpsPluginException(SpsPluginErrorId.ApplianceArgumentInvalid, "-Body is nested more than 64 levels deep (or refers to itself).");
        }
        var unwrapped = value is PSObject wrapped ? wrapped.BaseObject : value;
        switch (unwrapped)
        {
            case null:
                return null;
            case string or bool or char or ValueType:
                return unwrapped is char c ? c.ToString() : unwrapped is Enum ? unwrapped.ToString() : unwrapped;
            case IDictionary map:
                var plain = new Dictionary<string, object?>();
                foreach (DictionaryEntry entry in map)
                {
                    plain[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = ToPlain(entry.Value, depth + 1);
                }
                return plain;
            case PSCustomObject:
                var properties = new Dictionary<string, object?>();
                foreach (var property in ((PSObject)value!).Properties)
                {
                    properties[property.Name] = ToPlain(property.Value, depth + 1);
                }
                return properties;
            case IEnumerable items:
                var list = new List<object?>();
                foreach (var item in items)
                {
                    list.Add(ToPlain(item, depth + 1));
                }
                return list;
            default:
                return unwrapped.ToString();
        }
    }

    /// <summary>Parsed JSON as PowerShell objects: objects as PSCustomObjects, arrays as object[].</summary>
    public static object? ToPowerShell(object? value) => value switch
    {
        Dictionary<string, object?> map => ToObject(map),
        List<object?> list => list.ConvertAll(ToPowerShell).ToArray(),
        _ => value,
    };

    private static PSObject ToObject(Dictionary<string, object?> map)
    {
        var result = new PSObject();
        foreach (var pair in map)
        {
            result.Properties.Add(new PSNoteProperty(pair.Key, ToPowerShell(pair.Value)));
        }
        return result;
    }
}
