using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpsPlugin.Validation.Rules;

// The checks of the SDK's Manifest class (plugin_fakes/tasks/manifest.py, which the appliance's
// scb/plugins/manifest.py must match, reference §1.3), plus the PyYAML traps the SDK does not see.
// The SDK checks str() of each value, which is what SpsPluginManifestEntry.PythonText holds.

/// <summary>Keys the SDK requires: the strict set for a source folder (pluginv), the compatible set for a zip (the appliance).</summary>
internal sealed class ManifestRequiredKeyRule : BundleRule
{
    internal static readonly string[] Strict = { "name", "api", "version", "description", "entry_point", "type" };
    internal static readonly string[] Compatible = { "name", "api", "version", "type" };

    /// <summary>The keys the SDK checks in this bundle's mode, in the SDK's order.</summary>
    internal static string[] For(ValidationContext context) => context.IsStrict ? Strict : Compatible;

    public ManifestRequiredKeyRule()
        : base("ManifestRequiredKey", "Manifest", Severity.Error, "A required MANIFEST key is missing",
            "The SDK requires name, api, version and type in an uploaded zip, and also description and entry_point in a source folder (pluginv's strict mode); SPS refuses the upload otherwise (RequiredFieldDoesNotExistError).",
            "add the key as 'key: value'")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var manifest = context.ReadableManifest;
        if (manifest == null)
        {
            yield break;
        }
        foreach (var key in For(context).Where(k => manifest[k] == null))
        {
            yield return Finding(context, $"MANIFEST has no '{key}'{(context.IsStrict && !Compatible.Contains(key) ? " (required in a source folder, as pluginv checks it)" : string.Empty)}.",
                "MANIFEST", fix: $"add a line '{key}: …'");
        }
    }
}

/// <summary>A key the SDK requires in this mode with no value (RequiredFieldIsEmptyError); a zip's description may be empty.</summary>
internal sealed class ManifestEmptyValueRule : BundleRule
{
    public ManifestEmptyValueRule()
        : base("ManifestEmptyValue", "Manifest", Severity.Error, "A required MANIFEST key has no value",
            "A key such as 'version:' with nothing after it is null to PyYAML, and the SDK raises RequiredFieldIsEmptyError for the keys it requires: name, api, version and type in a zip, also description and entry_point in a source folder.",
            "write the value after the colon")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var manifest = context.ReadableManifest;
        if (manifest == null)
        {
            yield break;
        }
        foreach (var entry in ManifestRequiredKeyRule.For(context).Select(k => manifest[k]).Where(e => e != null && e.Value.Type == PyYamlType.Null))
        {
            yield return Finding(context, $"'{entry!.Key}' has no value (PyYAML reads it as None).", "MANIFEST", entry.Line, 1);
        }
    }
}

/// <summary>How the SDK reaches the text it checks for one key.</summary>
internal enum SdkValueUse
{
    /// <summary>It checks str(value): any type is read as Python prints it (version, api, type).</summary>
    PythonText,

    /// <summary>It passes the value to re.fullmatch, which raises TypeError for anything but a str (name).</summary>
    StringOnly,

    /// <summary>As <see cref="StringOnly"/>, but only when the value is truthy (<c>if data.get(key)</c>): '', 0, False, [] are skipped.</summary>
    TruthyStringOnly,
}

/// <summary>A MANIFEST check on the text of one key, as the SDK applies it.</summary>
internal abstract class ManifestValueRule : BundleRule
{
    protected ManifestValueRule(string id, string title, string description, string fix, string key, SdkValueUse use)
        : base(id, "Manifest", Severity.Error, title, description, fix)
    {
        Key = key;
        Use = use;
    }

    protected string Key { get; }

    private SdkValueUse Use { get; }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var entry = context.ReadableManifest?[Key];
        if (entry == null || entry.Value.Type == PyYamlType.Null || (Use == SdkValueUse.TruthyStringOnly && !entry.Value.IsTruthy))
        {
            yield break;
        }
        if (Use != SdkValueUse.PythonText && entry.Value.Type != PyYamlType.String)
        {
            yield return Finding(context,
                $"{Key}: PyYAML reads {entry.RawValue} as the {entry.PythonType} {entry.PythonText}, not as text; the SDK's pattern check then fails with TypeError and SPS refuses the upload.",
                "MANIFEST", entry.Line, entry.Column, $"quote it: {Key}: '{entry.RawValue.Replace("'", "''")}'");
            yield break;
        }
        var problem = Problem(entry.PythonText);
        if (problem != null)
        {
            yield return Finding(context, $"{Key}: {problem}", "MANIFEST", entry.Line, entry.Column);
        }
    }

    /// <summary>Why the SDK rejects <paramref name="text"/>, or null when it accepts it.</summary>
    protected abstract string? Problem(string text);
}

internal sealed class ManifestTypeRule : ManifestValueRule
{
    private static readonly string[] Known = SpsPluginType.Known.Select(t => t.Name).ToArray();

    public ManifestTypeRule()
        : base("ManifestType", "The plugin type is not one SPS knows",
            "type must be one of aa, credentialstore, signingca, configuration_sync (KNOWN_PLUGIN_TYPES); SPS refuses others (PluginTypeError).",
            "use type: aa (authentication and authorization) or type: credentialstore", "type", SdkValueUse.PythonText)
    {
    }

    protected override string? Problem(string text) =>
        Known.Contains(text) ? null : $"'{text}' is not a plugin type; SPS knows {string.Join(", ", Known)}.";
}

internal sealed class ManifestNameRule : ManifestValueRule
{
    public ManifestNameRule()
        : base("ManifestName", "The plugin name breaks the SDK's rule",
            "name must fully match [a-zA-Z][a-zA-Z0-9_]+: a letter, then at least one letter, digit or underscore (NameFormatError). Hyphens, spaces and dots are refused.",
            "use letters, digits and underscores, starting with a letter, e.g. my_plugin", "name", SdkValueUse.StringOnly)
    {
    }

    protected override string? Problem(string text) =>
        ManifestPatterns.IsPluginName(text) ? null : $"'{text}' must be a letter followed by at least one letter, digit or underscore.";
}

internal sealed class ManifestVersionRule : ManifestValueRule
{
    public ManifestVersionRule()
        : base("ManifestVersion", "The plugin version does not start with a digit",
            "version must start with a digit and hold no line break (the SDK fully matches [0-9].* against str(version), and '.' matches no line break; VersionFormatError); suffixes such as 2.0.1-a are fine.",
            "write a version such as '1.0.0' (quoted, so PyYAML keeps it a string)", "version", SdkValueUse.PythonText)
    {
    }

    protected override string? Problem(string text) =>
        text.Length == 0 || text[0] < '0' || text[0] > '9' ? $"'{text}' does not start with a digit."
        : text.IndexOf('\n') >= 0 ? $"{PythonFormat.StringRepr(text)} holds a line break, which the SDK's version pattern does not match."
        : null;
}

internal sealed class ManifestApiRule : ManifestValueRule
{
    public ManifestApiRule()
        : base("ManifestApi", "The api value is not a version",
            "api is parsed with semantic_version as a partial version major[.minor[.patch]][-prerelease][+build] without leading zeros (ApiVersionError otherwise).",
            "write the SDK's major.minor, e.g. api: '1.9'", "api", SdkValueUse.PythonText)
    {
    }

    protected override string? Problem(string text) =>
        ManifestApiVersion.Parse(text, out var problem) == null ? $"{PythonFormat.StringRepr(text)} is not a version semantic_version reads: {problem}." : null;
}

internal sealed class ManifestEntryPointRule : ManifestValueRule
{
    // \z, not $: the SDK's re.fullmatch refuses a final line break that .NET's $ lets through.
    private static readonly Regex Pattern = new(@"^[A-Za-z0-9._-]+\z", RegexOptions.CultureInvariant);

    public ManifestEntryPointRule()
        : base("ManifestEntryPoint", "entry_point is not a plain file name",
            "entry_point must fully match [A-Za-z0-9._-]+ (EntryPointFormatError): a file name at the bundle root, without folders.",
            "write entry_point: main.py", "entry_point", SdkValueUse.TruthyStringOnly)
    {
    }

    protected override string? Problem(string text) =>
        Pattern.IsMatch(text) ? null : $"'{text}' may only hold letters, digits, '.', '_' and '-'.";
}

internal sealed class ManifestAuthorEmailRule : ManifestValueRule
{
    public ManifestAuthorEmailRule()
        : base("ManifestAuthorEmail", "author_email is not an address the SDK accepts",
            "author_email must match the SDK's pattern ([-+_.a-zA-Z0-9]+@[-_a-zA-Z0-9]+(\\.[-_a-zA-Z0-9]+)*)? (EmailAddressFormatError).",
            "write a plain address such as team@example.com", "author_email", SdkValueUse.TruthyStringOnly)
    {
    }

    protected override string? Problem(string text) =>
        ManifestPatterns.IsAuthorEmail(text) ? null : $"'{text}' is not an address of the form name@domain.";
}

/// <summary>The file entry_point names exists at the root.</summary>
internal sealed class ManifestEntryPointFileRule : BundleRule
{
    public ManifestEntryPointFileRule()
        : base("ManifestEntryPointFile", "Manifest", Severity.Error, "The entry_point file is missing",
            "SPS runs the file entry_point names, from the bundle root; without it the plugin cannot start.",
            "add the file at the root, or correct entry_point")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var entry = context.ReadableManifest?["entry_point"];
        // A falsy entry_point ('' or 0) is one the SDK skips, so there is no file to look for.
        if (entry == null || !entry.Value.IsTruthy || context.Files.Any(f => f.Path == entry.PythonText))
        {
            yield break;
        }
        yield return Finding(context, $"entry_point is '{entry.PythonText}', but the bundle has no such file at its root.", "MANIFEST", entry.Line, entry.Column);
    }
}

/// <summary>PyYAML types a plain value into something whose str() differs from what was written.</summary>
internal sealed class ManifestRetypedValueRule : BundleRule
{
    public ManifestRetypedValueRule()
        : base("ManifestRetypedValue", "Manifest", Severity.Warning, "PyYAML reads a value differently from how it is written",
            "SPS reads MANIFEST with PyYAML (YAML 1.1): an unquoted 1.10 is the float 1.1, 010 is the octal 8, yes is True. The SDK then sees the changed text.",
            "quote the value, e.g. version: '1.10'")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        foreach (var entry in context.ReadableManifest?.Entries ?? Array.Empty<SpsPluginManifestEntry>())
        {
            if (entry.Style == ManifestValueStyle.Plain && entry.Value.Type != PyYamlType.String && entry.Value.Type != PyYamlType.Null &&
                entry.PythonText != entry.RawValue)
            {
                yield return Finding(context,
                    $"{entry.Key}: '{entry.RawValue}' is read by PyYAML as the {entry.PythonType} {entry.PythonText}, so SPS sees '{entry.PythonText}'.",
                    "MANIFEST", entry.Line, entry.Column, $"quote it: {entry.Key}: '{entry.RawValue}'");
            }
        }
    }
}

/// <summary>Keys neither SPS nor the SDK reads.</summary>
internal sealed class ManifestUnknownKeyRule : BundleRule
{
    public ManifestUnknownKeyRule()
        : base("ManifestUnknownKey", "Manifest", Severity.Warning, "MANIFEST has a key SPS does not read",
            "SPS and the SDK read only their known keys (name, description, version, type, api, entry_point, scb_min_version, scb_max_version, author_name, author_email); others, such as author, are silently ignored.",
            "remove the key, or use the known one it was meant to be")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var manifest = context.ReadableManifest;
        if (manifest == null)
        {
            yield break;
        }
        foreach (var key in manifest.UnknownKeys)
        {
            var entry = manifest[key]!;
            var suggestion = key == "author" ? "author_name (and author_email)"
                : SpsPluginManifest.KnownKeys.FirstOrDefault(k => k.Replace("_", string.Empty) == key.Replace("_", string.Empty).Replace("-", string.Empty));
            yield return Finding(context, $"'{key}' is not a key SPS reads; it is ignored.", "MANIFEST", entry.Line, 1,
                suggestion == null ? null : $"did you mean {suggestion}?");
        }
    }
}

/// <summary>No entry_point: SPS runs the plugin in the legacy Python 2.6 environment.</summary>
internal sealed class ManifestLegacyPython2Rule : BundleRule
{
    public ManifestLegacyPython2Rule()
        : base("ManifestLegacyPython2", "Manifest", Severity.Warning, "No entry_point: the plugin runs on legacy Python 2",
            "Without entry_point, SPS runs main.py with its legacy Python 2.6 interpreter, without the plugin SDK. Python 3 plugins need entry_point: main.py and the pluginwrapper3 line.",
            "add entry_point: main.py, and #!/usr/bin/env pluginwrapper3 as the first line of main.py")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var manifest = context.ReadableManifest;
        if (manifest != null && !context.IsStrict && manifest["entry_point"] == null)
        {
            yield return Finding(context, "MANIFEST has no entry_point, so SPS runs the plugin with its legacy Python 2.6.", "MANIFEST");
        }
    }
}
