namespace SpsPlugin;

/// <summary>How a plain value is written as text where any text will do (an environment variable, an answer to a question).</summary>
public static class SpsPluginConfigText
{
    /// <summary>
    /// The text <see cref="ConfigValueText.TryScalar"/> gives (booleans yes/no, numbers invariant, null
    /// empty), else the value's own text. Configuration options go through
    /// <see cref="ConfigValueText.ForOption"/>, which refuses what has no single form instead.
    /// </summary>
    public static string FromValue(object? value) =>
        ConfigValueText.TryScalar(value, out var text) ? text : value!.ToString() ?? string.Empty;
}
