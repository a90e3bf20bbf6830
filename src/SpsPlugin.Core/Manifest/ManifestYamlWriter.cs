using System.Linq;

namespace SpsPlugin;

/// <summary>Writes MANIFEST scalars so that PyYAML reads back exactly the string that was meant.</summary>
internal static class ManifestYamlWriter
{
    // Characters that cannot start a plain scalar, or change its meaning there.
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`~ ";

    /// <summary>
    /// The shortest faithful form of <paramref name="value"/>: plain when PyYAML would read the plain
    /// text back as the same string, single-quoted when not (<c>'1.10'</c>, <c>'yes'</c>), and
    /// double-quoted with escapes when it holds line breaks or control characters.
    /// </summary>
    public static string FormatString(string value)
    {
        if (IsSafePlain(value))
        {
            return value;
        }
        if (value.All(c => c >= ' ' && c != '\u007f' && !ManifestYamlReader.IsLineBreak(c)))
        {
            return "'" + value.Replace("'", "''") + "'";
        }
        // A JSON string literal is a YAML double-quoted scalar, with the same escapes.
        return IO.MiniJson.Quote(value);
    }

    /// <summary>Returns <paramref name="key"/> when it can be written as a plain key, otherwise its quoted form.</summary>
    public static string FormatKey(string key) =>
        key.Length > 0 && key.All(c => char.IsLetterOrDigit(c) || c == '_') && IsSafePlain(key) ? key : FormatString(key);

    private static bool IsSafePlain(string value)
    {
        if (value.Length == 0 || Indicators.IndexOf(value[0]) >= 0 || value[value.Length - 1] == ' ' || value[value.Length - 1] == ':')
        {
            return false;
        }
        if (value.Contains(": ") || value.Contains(" #") || value.Any(c => c < ' ' || c == '\u007f' || ManifestYamlReader.IsLineBreak(c)))
        {
            return false;
        }
        var typed = PyYamlResolver.ResolvePlain(value, out _);
        return typed != null && typed.Type == PyYamlType.String && typed.PythonText == value;
    }
}
