using System;
using System.Globalization;

namespace SpsPlugin;

/// <summary>How a plain value is written as configuration text (an option's value, an environment variable).</summary>
public static class SpsPluginConfigText
{
    /// <summary>
    /// Strings as they are; booleans as yes/no, the words the SDK's templates write and getboolean
    /// reads; numbers in the invariant culture (a value does not change with the user's locale);
    /// null as empty text.
    /// </summary>
    public static string FromValue(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "yes" : "no",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
