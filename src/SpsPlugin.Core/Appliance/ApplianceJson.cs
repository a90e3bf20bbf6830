using System.Collections.Generic;
using System.Globalization;

namespace SpsPlugin;

/// <summary>Reading values out of parsed JSON (MiniJson's dictionaries and lists) without a cast at every step.</summary>
internal static class ApplianceJson
{
    /// <summary>The value at <paramref name="path"/> (keys of nested objects), or null where any step is missing.</summary>
    public static object? Get(object? value, params string[] path)
    {
        foreach (var key in path)
        {
            if (value is not Dictionary<string, object?> map || !map.TryGetValue(key, out value))
            {
                return null;
            }
        }
        return value;
    }

    /// <summary>The value at <paramref name="path"/> as text: strings as they are, numbers and booleans in JSON spelling, null otherwise.</summary>
    public static string? Text(object? value, params string[] path) => Get(value, path) switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long or double or System.Numerics.BigInteger => System.Convert.ToString(Get(value, path), CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The items of a collection answer (<c>items</c>), or none.</summary>
    public static IEnumerable<object?> Items(object? body) =>
        Get(body, "items") as List<object?> ?? new List<object?>();
}
