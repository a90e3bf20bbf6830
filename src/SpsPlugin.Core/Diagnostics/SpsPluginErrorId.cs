using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>
/// A stable error identifier. The <see cref="Id"/> is what PowerShell shows as the error record's
/// FullyQualifiedErrorId (before the command name) and what scripts and tests match on, so an id
/// never changes meaning once released.
/// </summary>
public sealed class SpsPluginErrorId
{
    private SpsPluginErrorId(string id, ErrorKind kind, string summary)
    {
        Id = id;
        Kind = kind;
        Summary = summary;
    }

    /// <summary>The PascalCase identifier, e.g. <c>ManifestNotFound</c>.</summary>
    public string Id { get; }

    /// <summary>The kind of failure, which maps to a PowerShell ErrorCategory.</summary>
    public ErrorKind Kind { get; }

    /// <summary>One line saying when this id is used.</summary>
    public string Summary { get; }

    /// <inheritdoc />
    public override string ToString() => Id;

    /// <summary>The path given does not exist.</summary>
    public static readonly SpsPluginErrorId PathNotFound =
        new("PathNotFound", ErrorKind.ObjectNotFound, "The path given does not exist.");

    /// <summary>A plugin folder or zip has no MANIFEST at its root.</summary>
    public static readonly SpsPluginErrorId ManifestNotFound =
        new("ManifestNotFound", ErrorKind.ObjectNotFound, "A plugin folder or zip has no MANIFEST at its root.");

    /// <summary>MANIFEST is not valid YAML.</summary>
    public static readonly SpsPluginErrorId ManifestSyntaxError =
        new("ManifestSyntaxError", ErrorKind.ParserError, "MANIFEST is not valid YAML (PyYAML safe_load would raise).");

    /// <summary>MANIFEST is empty or holds only comments.</summary>
    public static readonly SpsPluginErrorId ManifestEmpty =
        new("ManifestEmpty", ErrorKind.InvalidData, "MANIFEST is empty or holds only comments.");

    /// <summary>MANIFEST is YAML but not a mapping of keys.</summary>
    public static readonly SpsPluginErrorId ManifestNotMapping =
        new("ManifestNotMapping", ErrorKind.InvalidData, "MANIFEST is YAML but not a mapping of keys to values.");

    /// <summary>A key appears twice in MANIFEST.</summary>
    public static readonly SpsPluginErrorId ManifestDuplicateKey =
        new("ManifestDuplicateKey", ErrorKind.InvalidData, "A key appears twice in MANIFEST (PyYAML silently keeps the last).");

    /// <summary>MANIFEST uses YAML that SpsPlugin does not read.</summary>
    public static readonly SpsPluginErrorId ManifestUnsupportedConstruct =
        new("ManifestUnsupportedConstruct", ErrorKind.NotImplemented, "MANIFEST uses a YAML construct SpsPlugin does not read (nesting, anchors, tags, block scalars).");

    /// <summary>MANIFEST is not UTF-8 text.</summary>
    public static readonly SpsPluginErrorId ManifestEncoding =
        new("ManifestEncoding", ErrorKind.InvalidData, "MANIFEST is not UTF-8 text or holds characters YAML forbids.");

    /// <summary>The file is not a zip archive.</summary>
    public static readonly SpsPluginErrorId BundleNotZip =
        new("BundleNotZip", ErrorKind.InvalidData, "The file is not a zip archive.");

    /// <summary>The zip archive is truncated or its directory is damaged.</summary>
    public static readonly SpsPluginErrorId BundleCorrupt =
        new("BundleCorrupt", ErrorKind.InvalidData, "The zip archive is truncated or its central directory is damaged.");

    /// <summary>A zip entry's content does not match its CRC-32.</summary>
    public static readonly SpsPluginErrorId BundleBadCrc =
        new("BundleBadCrc", ErrorKind.InvalidData, "A zip entry's content does not match its recorded size and CRC-32: the archive is damaged.");

    /// <summary>A zip entry uses a feature SpsPlugin cannot read.</summary>
    public static readonly SpsPluginErrorId BundleUnsupported =
        new("BundleUnsupported", ErrorKind.NotImplemented, "A zip entry uses encryption or a compression method other than stored or deflate.");

    /// <summary>A named entry does not exist in the bundle.</summary>
    public static readonly SpsPluginErrorId BundleEntryNotFound =
        new("BundleEntryNotFound", ErrorKind.ObjectNotFound, "A named entry does not exist in the bundle.");

    /// <summary>Reading a file failed.</summary>
    public static readonly SpsPluginErrorId ReadFailed =
        new("ReadFailed", ErrorKind.ReadError, "Reading a file failed at the operating-system level.");

    /// <summary>A file would be overwritten without -Force.</summary>
    public static readonly SpsPluginErrorId FileExists =
        new("FileExists", ErrorKind.ResourceExists, "A file would be overwritten; use -Force to allow it.");

    /// <summary>A configuration line is not a section, an option or a comment (configparser ParsingError).</summary>
    public static readonly SpsPluginErrorId ConfigSyntaxError =
        new("ConfigSyntaxError", ErrorKind.ParserError, "A configuration line is neither a [section], an option nor a comment (configparser ParsingError).");

    /// <summary>An option comes before the first section header.</summary>
    public static readonly SpsPluginErrorId ConfigMissingSectionHeader =
        new("ConfigMissingSectionHeader", ErrorKind.ParserError, "Text comes before the first [section] header (configparser MissingSectionHeaderError).");

    /// <summary>A section appears twice.</summary>
    public static readonly SpsPluginErrorId ConfigDuplicateSection =
        new("ConfigDuplicateSection", ErrorKind.ParserError, "A [section] appears twice (configparser DuplicateSectionError).");

    /// <summary>An option appears twice in one section.</summary>
    public static readonly SpsPluginErrorId ConfigDuplicateOption =
        new("ConfigDuplicateOption", ErrorKind.ParserError, "An option appears twice in one section (configparser DuplicateOptionError).");

    /// <summary>The configuration is not UTF-8 text.</summary>
    public static readonly SpsPluginErrorId ConfigEncoding =
        new("ConfigEncoding", ErrorKind.InvalidData, "The configuration is not UTF-8 text (or is a binary file).");

    /// <summary>The configuration is larger than SpsPlugin reads.</summary>
    public static readonly SpsPluginErrorId ConfigTooLarge =
        new("ConfigTooLarge", ErrorKind.LimitsExceeded, "The configuration file is larger than a policy configuration can be.");

    /// <summary>A plugin folder or zip has no default.cfg.</summary>
    public static readonly SpsPluginErrorId ConfigNotFound =
        new("ConfigNotFound", ErrorKind.ObjectNotFound, "A plugin folder or zip has no default.cfg at its root.");

    /// <summary>An edit cannot be written so that configparser reads it back.</summary>
    public static readonly SpsPluginErrorId ConfigEditRejected =
        new("ConfigEditRejected", ErrorKind.InvalidArgument, "An edit cannot be written so that configparser reads back the same value.");

    /// <summary>An option or section named in an edit does not exist.</summary>
    public static readonly SpsPluginErrorId ConfigOptionNotFound =
        new("ConfigOptionNotFound", ErrorKind.ObjectNotFound, "An option or section named in an edit does not exist.");

    /// <summary>A parameter got something that is neither a configuration object nor a path.</summary>
    public static readonly SpsPluginErrorId ConfigArgumentInvalid =
        new("ConfigArgumentInvalid", ErrorKind.InvalidArgument, "A parameter that takes a configuration got neither a configuration object nor a path.");

    /// <summary>A symbolic link that the packer will not follow.</summary>
    public static readonly SpsPluginErrorId PackLinkRefused =
        new("PackLinkRefused", ErrorKind.InvalidData, "A symbolic link points to a folder or outside the plugin folder; links are never packed.");

    /// <summary>Validation found errors, so the bundle is not packed.</summary>
    public static readonly SpsPluginErrorId PackValidationFailed =
        new("PackValidationFailed", ErrorKind.InvalidData, "The plugin folder has validation errors; it is not packed (use -SkipValidation to pack anyway).");

    /// <summary>The packed bundle would exceed SPS's size limit.</summary>
    public static readonly SpsPluginErrorId PackTooLarge =
        new("PackTooLarge", ErrorKind.LimitsExceeded, "The packed bundle would exceed SPS's 20 MB limit.");

    /// <summary>A zip to expand is hostile or damaged.</summary>
    public static readonly SpsPluginErrorId ExpandRefused =
        new("ExpandRefused", ErrorKind.InvalidData, "The zip holds an entry that cannot be extracted safely.");

    /// <summary>No Python 3 interpreter to run the plugin with.</summary>
    public static readonly SpsPluginErrorId PythonNotFound =
        new("PythonNotFound", ErrorKind.ObjectNotFound, "No Python 3 interpreter was found to run the plugin with.");

    /// <summary>A hook call failed (raised, timed out, exited, returned something SPS cannot read).</summary>
    public static readonly SpsPluginErrorId HookFailed =
        new("HookFailed", ErrorKind.InvalidResult, "A hook raised, timed out, exited without a result, or returned something SPS cannot read.");

    /// <summary>A login name does not follow SPS's syntax for its protocol.</summary>
    public static readonly SpsPluginErrorId LoginNameInvalid =
        new("LoginNameInvalid", ErrorKind.InvalidArgument, "A login name does not follow SPS's syntax for its protocol.");

    /// <summary>A NEEDINFO question got no answer.</summary>
    public static readonly SpsPluginErrorId QuestionUnanswered =
        new("QuestionUnanswered", ErrorKind.InvalidOperation, "The plugin asked a question that has no answer (give -Answer, or run interactively).");

    /// <summary>A scenario file is not valid.</summary>
    public static readonly SpsPluginErrorId ScenarioInvalid =
        new("ScenarioInvalid", ErrorKind.InvalidData, "A scenario file is missing a key or has a value of the wrong kind.");

    /// <summary>A plugin name breaks SPS's naming rule.</summary>
    public static readonly SpsPluginErrorId PluginNameInvalid =
        new("PluginNameInvalid", ErrorKind.InvalidArgument, "A plugin name breaks SPS's rule: a letter, then letters, digits or underscores.");

    /// <summary>An author e-mail address the SDK would refuse.</summary>
    public static readonly SpsPluginErrorId AuthorEmailInvalid =
        new("AuthorEmailInvalid", ErrorKind.InvalidArgument, "An author e-mail address does not match the SDK's pattern.");

    /// <summary>No template has the name given.</summary>
    public static readonly SpsPluginErrorId TemplateNotFound =
        new("TemplateNotFound", ErrorKind.ObjectNotFound, "No scaffolding template has the name given.");

    /// <summary>A template's descriptor or files are not valid.</summary>
    public static readonly SpsPluginErrorId TemplateInvalid =
        new("TemplateInvalid", ErrorKind.InvalidData, "A scaffolding template has a bad descriptor, an unknown placeholder or a path outside the destination.");

    /// <summary>A project path passes through a link, or a folder is a file.</summary>
    public static readonly SpsPluginErrorId ScaffoldPathRefused =
        new("ScaffoldPathRefused", ErrorKind.SecurityError, "A project file would be written through a link, or where a file stands in for a folder.");

    /// <summary>A file could not be written.</summary>
    public static readonly SpsPluginErrorId WriteFailed =
        new("WriteFailed", ErrorKind.WriteError, "A file could not be written (permissions, a full disk, a locked file).");

    /// <summary>A MANIFEST value is nested deeper than PyYAML reads before it raises RecursionError.</summary>
    public static readonly SpsPluginErrorId ManifestTooDeep =
        new("ManifestTooDeep", ErrorKind.LimitsExceeded, "A MANIFEST value is nested deeper than PyYAML safe_load reads (it would raise RecursionError).");

    /// <summary>A configuration value whose interpolation passes the bounds on work and size.</summary>
    public static readonly SpsPluginErrorId ConfigInterpolationTooLarge =
        new("ConfigInterpolationTooLarge", ErrorKind.LimitsExceeded, "A configuration value expands past 100,000 substitutions or 1 MiB when interpolated (references that multiply).");

    /// <summary>A FIFO, socket or device file where a plugin file should be.</summary>
    public static readonly SpsPluginErrorId SpecialFile =
        new("SpecialFile", ErrorKind.InvalidData, "A plugin folder holds a FIFO, socket or device file; only regular files are packed or read.");

    /// <summary>The private working directory for a plugin run could not be made.</summary>
    public static readonly SpsPluginErrorId PrivateDirectoryFailed =
        new("PrivateDirectoryFailed", ErrorKind.SecurityError, "No private (0700) working directory could be made in the temp folder for a plugin run.");

    /// <summary>A variable given with -Environment cannot be passed to a process.</summary>
    public static readonly SpsPluginErrorId HookEnvironmentInvalid =
        new("HookEnvironmentInvalid", ErrorKind.InvalidArgument, "An -Environment variable has an empty name, or a name or value with '=' (in the name) or a NUL character.");

    /// <summary>A hook argument (-Parameter, -Cookie, -SessionCookie) cannot be sent to the plugin as JSON.</summary>
    public static readonly SpsPluginErrorId HookArgumentInvalid =
        new("HookArgumentInvalid", ErrorKind.InvalidArgument, "A hook argument cannot be sent as JSON: it nests more than 64 levels deep or contains itself.");

    /// <summary>A -Settings table or file has an unknown key or a value of the wrong kind.</summary>
    public static readonly SpsPluginErrorId InvalidSettings =
        new("InvalidSettings", ErrorKind.InvalidArgument, "A -Settings table or .psd1 file has an unknown key, or a value of the wrong kind.");

    /// <summary>SOURCE_DATE_EPOCH is set but not whole seconds since 1970.</summary>
    public static readonly SpsPluginErrorId InvalidSourceDateEpoch =
        new("InvalidSourceDateEpoch", ErrorKind.InvalidArgument, "The SOURCE_DATE_EPOCH environment variable is set but is not whole seconds since 1970-01-01 UTC.");

    /// <summary>Every id, for documentation and tests.</summary>
    public static IReadOnlyList<SpsPluginErrorId> All { get; } = new[]
    {
        PathNotFound, ManifestNotFound, ManifestSyntaxError, ManifestEmpty, ManifestNotMapping,
        ManifestDuplicateKey, ManifestUnsupportedConstruct, ManifestEncoding, BundleNotZip, BundleCorrupt,
        BundleBadCrc, BundleUnsupported, BundleEntryNotFound, ReadFailed, FileExists,
        ConfigSyntaxError, ConfigMissingSectionHeader, ConfigDuplicateSection, ConfigDuplicateOption,
        ConfigEncoding, ConfigTooLarge, ConfigNotFound, ConfigEditRejected, ConfigOptionNotFound, ConfigArgumentInvalid,
        PackLinkRefused, PackValidationFailed, PackTooLarge, ExpandRefused,
        PythonNotFound, HookFailed, LoginNameInvalid, QuestionUnanswered, ScenarioInvalid,
        PluginNameInvalid, AuthorEmailInvalid, TemplateNotFound, TemplateInvalid, ScaffoldPathRefused, WriteFailed,
        ManifestTooDeep, ConfigInterpolationTooLarge, SpecialFile, PrivateDirectoryFailed, HookEnvironmentInvalid, HookArgumentInvalid,
        InvalidSettings, InvalidSourceDateEpoch,
    };
}
