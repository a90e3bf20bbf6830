using System;
using System.Text.RegularExpressions;
using SpsPlugin.Config;

namespace SpsPlugin;

/// <summary>
/// One option of a policy configuration: enabled (<c>name = value</c>), or a template option the
/// plugin's default.cfg ships commented out (<c>; name=&lt;value&gt;</c> is off until set;
/// <c>; name=value</c> shows the default).
/// </summary>
public sealed class SpsPluginConfigOption
{
    // "<API-integration-key>", "<tenant-id>", "<$-or-password>": the SDK's placeholder convention.
    private static readonly Regex Placeholder = new(@"<[^<>\s]+>", RegexOptions.CultureInvariant);

    // get_ca_certificate's "$[name]", found anywhere in the value.
    private static readonly Regex TrustedCaReference = new(@"\$\[([^\]]+)\]", RegexOptions.CultureInvariant);

    // Interpolation runs on first use (most callers never look at it, and a large file has many
    // options), in the context of the section the option was asked for.
    private readonly Func<SpsPluginConfigOption, string, InterpolationOutcome> _interpolate;
    private readonly string _contextSection;
    private InterpolationOutcome? _interpolation;

    internal SpsPluginConfigOption(
        string? path, string section, string name, string rawName, string value, bool isEnabled,
        int line, int endLine, Func<SpsPluginConfigOption, string, InterpolationOutcome> interpolate, string contextSection)
    {
        _interpolate = interpolate;
        _contextSection = contextSection;
        Path = path;
        Section = section;
        Name = name;
        RawName = rawName;
        Value = value;
        IsEnabled = isEnabled;
        Line = line;
        EndLine = endLine;
    }

    /// <summary>The file the option was read from; null for text.</summary>
    public string? Path { get; }

    /// <summary>The full section name, qualifier included (e.g. <c>whitelist source=user_list</c>).</summary>
    public string Section { get; }

    /// <summary>The option name as configparser keys it: lower-cased.</summary>
    public string Name { get; }

    /// <summary>The option name as written.</summary>
    public string RawName { get; }

    /// <summary>The raw value (continuation lines joined by newlines), before interpolation.</summary>
    public string Value { get; }

    /// <summary>False for a template option that is commented out.</summary>
    public bool IsEnabled { get; }

    /// <summary>True when the value still holds a <c>&lt;placeholder&gt;</c> to replace.</summary>
    public bool IsPlaceholder => Placeholder.IsMatch(Value);

    /// <summary>True when the value is <c>$</c>: the SDK fetches it from the local Credential Store (host = section, user = option).</summary>
    public bool IsSecretReference => Value == "$";

    /// <summary>
    /// The trusted CA list named by the first <c>$[name]</c> anywhere in the value as the SDK reads it
    /// (get_ca_certificate searches the interpolated value; a template's own text when it is commented); null when there is none.
    /// </summary>
    public string? TrustedCaListName => TrustedCaReference.Match(SdkValue ?? Value) is { Success: true } found ? found.Groups[1].Value : null;

    /// <summary>True when the option holds a secret by its name (password, secret, token, skey, api_key…; not password_field or secrets_path).</summary>
    public bool IsSecretName => LooksSecret(Name);

    /// <summary>
    /// True when <see cref="Value"/> is a secret: a literal in an option that holds secrets. A <c>$</c>
    /// or <c>$[name]</c> reference, yes/no, a number, an empty value or a placeholder is none. Views
    /// and reports show it masked; the property <see cref="Value"/> keeps it, so exports lose nothing.
    /// </summary>
    public bool IsSecret => IsSecretValue(Name, Value);

    /// <summary>True when an option called <paramref name="name"/> holds a secret.</summary>
    public static bool LooksSecret(string name) => ConfigSecrets.IsSecretName(name);

    /// <summary>True when <paramref name="value"/> given to option <paramref name="name"/> is a secret to hide in views and reports.</summary>
    public static bool IsSecretValue(string name, string value) => ConfigSecrets.IsSecretValue(name, value);

    /// <summary>1-based first line.</summary>
    public int Line { get; }

    /// <summary>1-based last line of the value.</summary>
    public int EndLine { get; }

    /// <summary>The value after BasicInterpolation, as <c>ConfigParser.get()</c> returns it; null when that fails or the option is commented.</summary>
    public string? InterpolatedValue => Interpolation.Value;

    /// <summary>
    /// Why interpolation fails (the SDK would raise); null when it works. For a secret the message
    /// does not quote the value (configparser's would): it ends up in findings, logs and reports.
    /// </summary>
    public string? InterpolationError =>
        Interpolation.Error is { } error && Interpolation.ErrorId == SpsPluginConfigRules.Interpolation && IsSecret
            ? ConfigSecrets.InterpolationErrorWithoutValue(error)
            : Interpolation.Error;

    /// <summary>
    /// The rule id of <see cref="InterpolationError"/>: <c>ConfigInterpolation</c> when configparser raises,
    /// <c>ConfigInterpolationTooLarge</c> when the value expands past SpsPlugin's bounds; null when it works.
    /// </summary>
    public string? InterpolationErrorId => Interpolation.ErrorId;

    /// <summary>What the SDK's <c>get()</c> hands the plugin: <c>$$</c> becomes <c>$</c>; a <c>$</c> stays a reference.</summary>
    public string? SdkValue => InterpolatedValue == "$$" ? "$" : InterpolatedValue;

    private InterpolationOutcome Interpolation => _interpolation ??= _interpolate(this, _contextSection);

    /// <inheritdoc />
    /// <remarks>A secret value is shown masked: the string form goes to logs and messages.</remarks>
    public override string ToString() => $"[{Section}] {(IsEnabled ? string.Empty : "; ")}{Name}={(IsSecret ? SecretMask.Text : Value)}";
}
