using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>
/// A stable error identifier. The <see cref="Id"/> is what PowerShell shows as the error record's
/// FullyQualifiedErrorId (before the command name) and what scripts and tests match on, so an id
/// never changes meaning once released.
/// </summary>
/// <remarks>
/// The fields below are the failures: every id a cmdlet can stop or fail with. Validation rules
/// (<see cref="SpsPluginValidator.Catalogue"/>) reach error records too, when their findings are the
/// reason for a failure (a pack stopped by validation, a refused extraction): each rule has an id of
/// this type, made by <see cref="ForRule"/>, and <see cref="SpsPluginErrorCatalogue"/> holds both.
/// </remarks>
public sealed class SpsPluginErrorId
{
    private SpsPluginErrorId(string id, ErrorKind kind, string summary, string recommendedAction)
    {
        Id = id;
        Kind = kind;
        Summary = summary;
        RecommendedAction = recommendedAction;
    }

    /// <summary>The PascalCase identifier, e.g. <c>ManifestNotFound</c>.</summary>
    public string Id { get; }

    /// <summary>The kind of failure, which maps to a PowerShell ErrorCategory.</summary>
    public ErrorKind Kind { get; }

    /// <summary>One line saying when this id is used.</summary>
    public string Summary { get; }

    /// <summary>
    /// What to do about it, in general; the error record's RecommendedAction when the failure has no
    /// finding with a fix of its own.
    /// </summary>
    public string RecommendedAction { get; }

    /// <summary>The id of a validation rule's findings: the rule's id, title and fix, with a kind chosen by the rule.</summary>
    internal static SpsPluginErrorId ForRule(string id, ErrorKind kind, string title, string fix) => new(id, kind, title, fix);

    /// <inheritdoc />
    public override string ToString() => Id;

    /// <summary>The path given does not exist.</summary>
    public static readonly SpsPluginErrorId PathNotFound =
        new("PathNotFound", ErrorKind.ObjectNotFound, "The path given does not exist.", "check the path (Get-ChildItem shows what is there)");

    /// <summary>A plugin folder or zip has no MANIFEST at its root.</summary>
    public static readonly SpsPluginErrorId ManifestNotFound =
        new("ManifestNotFound", ErrorKind.ObjectNotFound, "A plugin folder or zip has no MANIFEST at its root.", "add a file named MANIFEST (no extension) at the root of the plugin folder or zip");

    /// <summary>MANIFEST is not valid YAML.</summary>
    public static readonly SpsPluginErrorId ManifestSyntaxError =
        new("ManifestSyntaxError", ErrorKind.ParserError, "MANIFEST is not valid YAML (PyYAML safe_load would raise).", "write one 'key: value' per line, indented with spaces only");

    /// <summary>MANIFEST is empty or holds only comments.</summary>
    public static readonly SpsPluginErrorId ManifestEmpty =
        new("ManifestEmpty", ErrorKind.InvalidData, "MANIFEST is empty or holds only comments.", "write the required keys: name, type, api, version, entry_point");

    /// <summary>MANIFEST is YAML but not a mapping of keys.</summary>
    public static readonly SpsPluginErrorId ManifestNotMapping =
        new("ManifestNotMapping", ErrorKind.InvalidData, "MANIFEST is YAML but not a mapping of keys to values.", "write one 'key: value' per line");

    /// <summary>A key appears twice in MANIFEST.</summary>
    public static readonly SpsPluginErrorId ManifestDuplicateKey =
        new("ManifestDuplicateKey", ErrorKind.InvalidData, "A key appears twice in MANIFEST (PyYAML silently keeps the last).", "keep one line per key");

    /// <summary>MANIFEST uses YAML that SpsPlugin does not read.</summary>
    public static readonly SpsPluginErrorId ManifestUnsupportedConstruct =
        new("ManifestUnsupportedConstruct", ErrorKind.NotImplemented, "MANIFEST uses a YAML construct SpsPlugin does not read (nesting, anchors, tags, block scalars).", "write one plain 'key: value' per line: no nesting, anchors, tags or block scalars");

    /// <summary>MANIFEST is not UTF-8 text.</summary>
    public static readonly SpsPluginErrorId ManifestEncoding =
        new("ManifestEncoding", ErrorKind.InvalidData, "MANIFEST is not UTF-8 text or holds characters YAML forbids.", "save MANIFEST as UTF-8 text without control characters");

    /// <summary>The file is not a zip archive.</summary>
    public static readonly SpsPluginErrorId BundleNotZip =
        new("BundleNotZip", ErrorKind.InvalidData, "The file is not a zip archive.", "give the plugin folder, or a zip made from the plugin's files");

    /// <summary>The zip archive is truncated or its directory is damaged.</summary>
    public static readonly SpsPluginErrorId BundleCorrupt =
        new("BundleCorrupt", ErrorKind.InvalidData, "The zip archive is truncated or its central directory is damaged.", "build or download the zip again");

    /// <summary>A zip entry's content does not match its CRC-32.</summary>
    public static readonly SpsPluginErrorId BundleBadCrc =
        new("BundleBadCrc", ErrorKind.InvalidData, "A zip entry's content does not match its recorded size and CRC-32: the archive is damaged.", "build or download the zip again");

    /// <summary>A zip entry uses a feature SpsPlugin cannot read.</summary>
    public static readonly SpsPluginErrorId BundleUnsupported =
        new("BundleUnsupported", ErrorKind.NotImplemented, "A zip entry uses encryption or a compression method other than stored or deflate.", "zip the files again with deflate and no password");

    /// <summary>A named entry does not exist in the bundle.</summary>
    public static readonly SpsPluginErrorId BundleEntryNotFound =
        new("BundleEntryNotFound", ErrorKind.ObjectNotFound, "A named entry does not exist in the bundle.", "list the entries with Get-SpsPluginBundle -Entry * and use a path from that list");

    /// <summary>Reading a file failed.</summary>
    public static readonly SpsPluginErrorId ReadFailed =
        new("ReadFailed", ErrorKind.ReadError, "Reading a file failed at the operating-system level.", "check the file's permissions and that no other process locks it");

    /// <summary>A file would be overwritten without -Force.</summary>
    public static readonly SpsPluginErrorId FileExists =
        new("FileExists", ErrorKind.ResourceExists, "A file would be overwritten; use -Force to allow it.", "use -Force to replace or merge, or give another destination");

    /// <summary>A configuration line is not a section, an option or a comment (configparser ParsingError).</summary>
    public static readonly SpsPluginErrorId ConfigSyntaxError =
        new("ConfigSyntaxError", ErrorKind.ParserError, "A configuration line is neither a [section], an option nor a comment (configparser ParsingError).", "fix the line, or comment it out with ; or #");

    /// <summary>An option comes before the first section header.</summary>
    public static readonly SpsPluginErrorId ConfigMissingSectionHeader =
        new("ConfigMissingSectionHeader", ErrorKind.ParserError, "Text comes before the first [section] header (configparser MissingSectionHeaderError).", "put a [section] line before the first option");

    /// <summary>A section appears twice.</summary>
    public static readonly SpsPluginErrorId ConfigDuplicateSection =
        new("ConfigDuplicateSection", ErrorKind.ParserError, "A [section] appears twice (configparser DuplicateSectionError).", "merge the two sections into one");

    /// <summary>An option appears twice in one section.</summary>
    public static readonly SpsPluginErrorId ConfigDuplicateOption =
        new("ConfigDuplicateOption", ErrorKind.ParserError, "An option appears twice in one section (configparser DuplicateOptionError).", "keep one of the two options (names are compared lower-cased)");

    /// <summary>The configuration is not UTF-8 text.</summary>
    public static readonly SpsPluginErrorId ConfigEncoding =
        new("ConfigEncoding", ErrorKind.InvalidData, "The configuration is not UTF-8 text (or is a binary file).", "save the configuration as UTF-8 text");

    /// <summary>The configuration is larger than SpsPlugin reads.</summary>
    public static readonly SpsPluginErrorId ConfigTooLarge =
        new("ConfigTooLarge", ErrorKind.LimitsExceeded, "The configuration file is larger than a policy configuration can be.", "give the policy configuration, not a data file");

    /// <summary>A plugin folder or zip has no default.cfg.</summary>
    public static readonly SpsPluginErrorId ConfigNotFound =
        new("ConfigNotFound", ErrorKind.ObjectNotFound, "A plugin folder or zip has no default.cfg at its root.", "add default.cfg at the root of the plugin, or give the .cfg file itself");

    /// <summary>An edit cannot be written so that configparser reads it back.</summary>
    public static readonly SpsPluginErrorId ConfigEditRejected =
        new("ConfigEditRejected", ErrorKind.InvalidArgument, "An edit cannot be written so that configparser reads back the same value.", "change the value so that it reads back the same (no leading or trailing spaces, no line breaks that configparser folds), or fix the configuration first");

    /// <summary>An option or section named in an edit does not exist.</summary>
    public static readonly SpsPluginErrorId ConfigOptionNotFound =
        new("ConfigOptionNotFound", ErrorKind.ObjectNotFound, "An option or section named in an edit does not exist.", "list the options with Get-SpsPluginConfigOption and use a name from that list");

    /// <summary>A parameter got something that is neither a configuration object nor a path.</summary>
    public static readonly SpsPluginErrorId ConfigArgumentInvalid =
        new("ConfigArgumentInvalid", ErrorKind.InvalidArgument, "A parameter that takes a configuration got neither a configuration object nor a path.", "give a configuration object from Get-SpsPluginConfig, or the path of a .cfg file, plugin folder or zip");

    /// <summary>A symbolic link that the packer will not follow.</summary>
    public static readonly SpsPluginErrorId PackLinkRefused =
        new("PackLinkRefused", ErrorKind.InvalidData, "A symbolic link points to a folder or outside the plugin folder; links are never packed.", "replace the link with the file it points to, or exclude it in .spsignore");

    /// <summary>Validation found errors, so the bundle is not packed.</summary>
    public static readonly SpsPluginErrorId PackValidationFailed =
        new("PackValidationFailed", ErrorKind.InvalidData, "The plugin folder has validation errors; it is not packed (use -SkipValidation to pack anyway).", "fix the findings (Test-SpsPluginBundle -Detailed lists them), or use -SkipValidation");

    /// <summary>The packed bundle would exceed SPS's size limit.</summary>
    public static readonly SpsPluginErrorId PackTooLarge =
        new("PackTooLarge", ErrorKind.LimitsExceeded, "The packed bundle would exceed SPS's 20 MB limit.", "exclude files the plugin does not need (.spsignore, -Exclude) until the zip is under 20 MB");

    /// <summary>A zip to expand is hostile or damaged.</summary>
    public static readonly SpsPluginErrorId ExpandRefused =
        new("ExpandRefused", ErrorKind.SecurityError, "The zip holds an entry that cannot be extracted safely.", "do not extract this zip; rebuild it from the plugin source, or expand into a new folder");

    /// <summary>No Python 3 interpreter to run the plugin with, or the one named explicitly cannot run (never silently replaced).</summary>
    public static readonly SpsPluginErrorId PythonNotFound =
        new("PythonNotFound", ErrorKind.ObjectNotFound, "No Python 3 interpreter was found, or the one -PythonPath or SPSPLUGIN_PYTHON names does not run as Python 3.", "install Python 3, or give -PythonPath (or SPSPLUGIN_PYTHON) the path of an interpreter that runs");

    /// <summary>
    /// A hook call failed (raised, timed out, exited, returned something SPS cannot read). The one
    /// family of ids: the error record's id is <c>HookFailed.&lt;kind&gt;</c>, the kind being the
    /// hook result's ErrorKind, so that scripts can tell a timeout from an exception.
    /// </summary>
    public static readonly SpsPluginErrorId HookFailed =
        new("HookFailed", ErrorKind.InvalidResult, "A hook raised, timed out, exited without a result, or returned something SPS cannot read; the record's id is HookFailed.<kind> (timeout, raised, exit, ...).", "see the traceback and the plugin's log");

    /// <summary>A login name does not follow SPS's syntax for its protocol.</summary>
    public static readonly SpsPluginErrorId LoginNameInvalid =
        new("LoginNameInvalid", ErrorKind.InvalidArgument, "A login name does not follow SPS's syntax for its protocol.", "write the login name in the form SPS expects for the protocol (the message names it)");

    /// <summary>A NEEDINFO question got no answer.</summary>
    public static readonly SpsPluginErrorId QuestionUnanswered =
        new("QuestionUnanswered", ErrorKind.InvalidOperation, "The plugin asked a question that has no answer (give -Answer, or run interactively).", "give -Answer with a value for each question, or run interactively");

    /// <summary>A scenario file is not valid.</summary>
    public static readonly SpsPluginErrorId ScenarioInvalid =
        new("ScenarioInvalid", ErrorKind.InvalidData, "A scenario file is missing a key or has a value of the wrong kind.", "fix the scenario file: the message names the key and what it should hold");

    /// <summary>A plugin name breaks SPS's naming rule.</summary>
    public static readonly SpsPluginErrorId PluginNameInvalid =
        new("PluginNameInvalid", ErrorKind.InvalidArgument, "A plugin name breaks SPS's rule: a letter, then letters, digits or underscores.", "start the name with a letter, then use only letters, digits and underscores");

    /// <summary>An author e-mail address the SDK would refuse.</summary>
    public static readonly SpsPluginErrorId AuthorEmailInvalid =
        new("AuthorEmailInvalid", ErrorKind.InvalidArgument, "An author e-mail address does not match the SDK's pattern.", "give an e-mail address such as name@example.com");

    /// <summary>No template has the name given.</summary>
    public static readonly SpsPluginErrorId TemplateNotFound =
        new("TemplateNotFound", ErrorKind.ObjectNotFound, "No scaffolding template has the name given.", "list the templates with Get-SpsPluginTemplate and use a name from that list");

    /// <summary>A template's descriptor or files are not valid.</summary>
    public static readonly SpsPluginErrorId TemplateInvalid =
        new("TemplateInvalid", ErrorKind.InvalidData, "A scaffolding template has a bad descriptor, an unknown placeholder or a path outside the destination.", "fix the template's template.json or the placeholder named in the message");

    /// <summary>A project path passes through a link, or a folder is a file.</summary>
    public static readonly SpsPluginErrorId ScaffoldPathRefused =
        new("ScaffoldPathRefused", ErrorKind.SecurityError, "A project file would be written through a link, or where a file stands in for a folder.", "remove the link or the file in the way, or give another -Path");

    /// <summary>A file could not be written.</summary>
    public static readonly SpsPluginErrorId WriteFailed =
        new("WriteFailed", ErrorKind.WriteError, "A file could not be written (permissions, a full disk, a locked file).", "check the permissions of the folder, the free space and that no other process locks the file");

    /// <summary>A MANIFEST value is nested deeper than PyYAML reads before it raises RecursionError.</summary>
    public static readonly SpsPluginErrorId ManifestTooDeep =
        new("ManifestTooDeep", ErrorKind.LimitsExceeded, "A MANIFEST value is nested deeper than PyYAML safe_load reads (it would raise RecursionError).", "write the value as a plain scalar or a short flat list");

    /// <summary>A configuration value whose interpolation passes the bounds on work and size.</summary>
    public static readonly SpsPluginErrorId ConfigInterpolationTooLarge =
        new("ConfigInterpolationTooLarge", ErrorKind.LimitsExceeded, "A configuration value expands past 100,000 substitutions or 1 MiB when interpolated (references that multiply).", "write the value out, or refer to each option once");

    /// <summary>A FIFO, socket or device file where a plugin file should be.</summary>
    public static readonly SpsPluginErrorId SpecialFile =
        new("SpecialFile", ErrorKind.InvalidData, "A plugin folder holds a FIFO, socket or device file; only regular files are packed or read.", "remove the FIFO, socket or device file from the plugin folder, or exclude it in .spsignore");

    /// <summary>The private working directory for a plugin run could not be made.</summary>
    public static readonly SpsPluginErrorId PrivateDirectoryFailed =
        new("PrivateDirectoryFailed", ErrorKind.SecurityError, "No private (0700) working directory could be made in the temp folder for a plugin run.", "check that the temp folder (TMPDIR) exists, is writable and is not full");

    /// <summary>A variable given with -Environment cannot be passed to a process.</summary>
    public static readonly SpsPluginErrorId HookEnvironmentInvalid =
        new("HookEnvironmentInvalid", ErrorKind.InvalidArgument, "An -Environment variable has an empty name, or a name or value with '=' (in the name) or a NUL character.", "give each -Environment variable a non-empty name without '=' or NUL, and a value without NUL");

    /// <summary>A hook argument (-Parameter, -Cookie, -SessionCookie) cannot be sent to the plugin as JSON.</summary>
    public static readonly SpsPluginErrorId HookArgumentInvalid =
        new("HookArgumentInvalid", ErrorKind.InvalidArgument, "A hook argument cannot be sent as JSON: it nests more than 64 levels deep or contains itself.", "pass plain data: hashtables, arrays, strings, numbers and booleans, nested less than 64 levels and not containing themselves");

    /// <summary>A report format that writes a file got no -OutputPath.</summary>
    public static readonly SpsPluginErrorId OutputPathMissing =
        new("OutputPathMissing", ErrorKind.InvalidArgument, "-OutputFormat names a report that is written to a file, and no -OutputPath was given.", "give -OutputPath with the report file");

    /// <summary>The -Settings file does not exist.</summary>
    public static readonly SpsPluginErrorId SettingsNotFound =
        new("SettingsNotFound", ErrorKind.ObjectNotFound, "The .psd1 file given with -Settings does not exist.", "check the path of the settings file");

    /// <summary>-Settings is not a path or a hashtable, or has an unknown key or a value of the wrong kind.</summary>
    public static readonly SpsPluginErrorId SettingsInvalid =
        new("SettingsInvalid", ErrorKind.InvalidArgument, "-Settings got neither the path of a .psd1 file nor a hashtable, or its table has an unknown key or a value of the wrong kind.", "give the path of a .psd1 file or a hashtable, with the keys and kinds of values Test-SpsPluginBundle's help lists");

    /// <summary>A release SpsPlugin has no row for.</summary>
    public static readonly SpsPluginErrorId UnknownSpsRelease =
        new("UnknownSpsRelease", ErrorKind.InvalidArgument, "-TargetSpsVersion names an SPS release SpsPlugin does not know.", "give one of the releases the message lists (tab completion offers them)");

    /// <summary>A path on a provider other than the file system.</summary>
    public static readonly SpsPluginErrorId NotFileSystemPath =
        new("NotFileSystemPath", ErrorKind.InvalidArgument, "A path is on a PowerShell provider other than the file system (Env:, HKLM:, Variable:).", "give a file-system path");

    /// <summary>Configuration edit parameters that do not say one edit.</summary>
    public static readonly SpsPluginErrorId InvalidConfigEdit =
        new("InvalidConfigEdit", ErrorKind.InvalidArgument, "The parameters do not describe one configuration edit: a key without a section, -Disable with a value, -Name with a hashtable, or nothing to change.", "write keys as 'section.option' or nest a hashtable per section; give -Section, -Name and -Value for one option");

    /// <summary>A configuration with no file of its own, saved without -Path.</summary>
    public static readonly SpsPluginErrorId SavePathMissing =
        new("SavePathMissing", ErrorKind.InvalidArgument, "The configuration was not read from a file of its own (it came from text or from inside a zip), and no -Path was given.", "give -Path to say where to save it");

    /// <summary>SOURCE_DATE_EPOCH that is not a number of seconds.</summary>
    public static readonly SpsPluginErrorId InvalidSourceDateEpoch =
        new("InvalidSourceDateEpoch", ErrorKind.InvalidArgument, "The SOURCE_DATE_EPOCH environment variable is not whole seconds since 1970-01-01 UTC.", "set SOURCE_DATE_EPOCH to whole seconds (git log -1 --format=%ct gives the last commit's), or remove it");

    /// <summary>-Entry and -Read given together.</summary>
    public static readonly SpsPluginErrorId EntryAndRead =
        new("EntryAndRead", ErrorKind.InvalidArgument, "Get-SpsPluginBundle got both -Entry and -Read.", "use -Entry to list entries, or -Read to read one");

    // Issue 12: the gate's results and its cmdlets

    /// <summary>A report path with no format at its position, or one file for two formats.</summary>
    public static readonly SpsPluginErrorId OutputPathUnpaired =
        new("OutputPathUnpaired", ErrorKind.InvalidArgument, "-OutputPath and -OutputFormat are paired by position: a path has no format at its position, or two formats name the same file.", "give one -OutputFormat per -OutputPath, in the same order, each with its own file (-OutputFormat Junit, Sarif -OutputPath results.xml, results.sarif)");

    /// <summary>A folder given to Invoke-SpsPluginScenario holds no scenario file.</summary>
    public static readonly SpsPluginErrorId ScenarioNotFound =
        new("ScenarioNotFound", ErrorKind.ObjectNotFound, "A folder given to Invoke-SpsPluginScenario holds no *.scenario.psd1 file, so nothing would be tested.", "add *.scenario.psd1 files to the folder (New-SpsPlugin creates one), or give the path of a scenario file");

    // Issue 13: values a configuration cannot hold

    /// <summary>A value with no single configuration form: an object, a date, an array for an option that is no known list.</summary>
    public static readonly SpsPluginErrorId ConfigValueType =
        new("ConfigValueType", ErrorKind.InvalidArgument, "A value has no single configuration form: an object, a hashtable, a date, a script block, or an array for an option that is not a comma-separated list the SDK or the plugin's default.cfg knows.", "give the text the plugin expects (e.g. -Value $date.ToString('yyyy-MM-dd')); booleans, numbers and strings are written as they are read, arrays only for list options");

    // Issue 13: file semantics, typos and templates

    /// <summary>A configuration written back to the file it came from, which something else changed since it was read.</summary>
    public static readonly SpsPluginErrorId ConfigFileChanged =
        new("ConfigFileChanged", ErrorKind.ResourceExists, "The file a configuration object was read from changed (or went away) after it was read; writing the object back would undo that change.", "read the file again (Get-SpsPluginConfig) and repeat the edit, or use Save-SpsPluginConfig -Force to replace the file anyway");

    /// <summary>Under -Strict: an edit adds a section or option whose name looks like a typo of one that exists.</summary>
    public static readonly SpsPluginErrorId ConfigNameSuspicious =
        new("ConfigNameSuspicious", ErrorKind.InvalidArgument, "Under -Strict, an edit would add a section or option whose name looks like a typo of an existing one (case, '-' for '_', a letter or two) or that the -Reference configuration does not know.", "use the existing name the message suggests, or leave out -Strict to add the new name on purpose");

    // Issue 14: the plugin's own Python environment

    /// <summary>Initialize-SpsPluginEnvironment on a folder without a Pipfile in it or above it.</summary>
    public static readonly SpsPluginErrorId PipfileNotFound =
        new("PipfileNotFound", ErrorKind.ObjectNotFound, "The plugin folder and the folders above it (up to the repository root) hold no Pipfile, so there is no list of packages to install.", "run the command in a project made by New-SpsPlugin, or add a Pipfile with [packages] and [dev-packages]");

    /// <summary>A Pipfile line the TOML subset reader cannot read, or a package entry it cannot turn into a pip requirement.</summary>
    public static readonly SpsPluginErrorId PipfileInvalid =
        new("PipfileInvalid", ErrorKind.ParserError, "The Pipfile has a line SpsPlugin cannot read (it reads tables, \"name\" = \"version spec\" or \"*\", and inline tables with a version), or a package entry it cannot install with pip (git, path, editable).", "fix the line the message names, or install the environment with pipenv install --dev");

    /// <summary>pip could not reach the package index.</summary>
    public static readonly SpsPluginErrorId PackageIndexUnreachable =
        new("PackageIndexUnreachable", ErrorKind.ConnectionError, "pip could not reach the package index, so the Pipfile's packages (the plugin SDK comes from PyPI) were not installed.", "check the network or proxy (HTTPS_PROXY), give -IndexUrl for a mirror, or -NoIndex -FindLinks <folder of wheels>");

    /// <summary>python -m venv or pip failed for another reason than the index.</summary>
    public static readonly SpsPluginErrorId EnvironmentSetupFailed =
        new("EnvironmentSetupFailed", ErrorKind.InvalidResult, "Creating the .venv (python -m venv) or installing the Pipfile's packages into it (pip install) failed; the message has the tool's last lines.", "read the tool's lines in the message (a missing python3-venv package, a version no index has), fix it and run again with -Force");

    // Issue 14: parity between the simulation cmdlets

    /// <summary>Invoke-SpsPluginSimulation got a credential store as -Path together with -CredentialStore or -CredentialStoreConfiguration.</summary>
    public static readonly SpsPluginErrorId CredentialStoreConflict =
        new("CredentialStoreConflict", ErrorKind.InvalidArgument, "Invoke-SpsPluginSimulation got a credential store as -Path (a connection policy with only a credential store) and also -CredentialStore or -CredentialStoreConfiguration, which belong to a store beside an AA plugin.", "give the AA plugin as -Path and the store as -CredentialStore, or the store alone as -Path with its configuration as -Configuration");

    // Issue 15: appliance

    /// <summary>The appliance could not be reached: name not resolved, connection refused, or dropped mid-call.</summary>
    public static readonly SpsPluginErrorId ApplianceUnreachable =
        new("ApplianceUnreachable", ErrorKind.ConnectionError, "The appliance could not be reached: its name did not resolve, it refused the connection, or it dropped the connection during the call.", "check the address and port (host[:port], HTTPS), the network and any proxy; an upload that was dropped was not retried: check with Get-SpsPluginTransaction what arrived");

    /// <summary>The appliance's HTTPS certificate does not validate against the trust given.</summary>
    public static readonly SpsPluginErrorId ApplianceCertificateUntrusted =
        new("ApplianceCertificateUntrusted", ErrorKind.SecurityError, "The appliance's HTTPS certificate does not validate: it is not issued by a trusted CA, does not name the host, or does not match the thumbprint given.", "trust its CA with -TrustedCertificate, pin the certificate with -CertificateThumbprint, or (tests only) -SkipCertificateCheck");

    /// <summary>The appliance refused the login.</summary>
    public static readonly SpsPluginErrorId ApplianceLoginFailed =
        new("ApplianceLoginFailed", ErrorKind.AuthenticationError, "The appliance refused the login: wrong user name or password, a login method it does not offer, a client certificate it does not accept, or a user without the REST server privilege.", "check the credential and -LoginMethod (GET /api/authentication/login_methods lists the methods), and that the user may use the REST API");

    /// <summary>The session expired on the appliance (20 minutes idle) and could not be renewed.</summary>
    public static readonly SpsPluginErrorId ApplianceSessionExpired =
        new("ApplianceSessionExpired", ErrorKind.AuthenticationError, "The appliance session expired (SPS ends a REST session after 20 minutes idle) and was not renewed: the call changes something, runs inside a transaction, or the session holds no credential.", "connect again with Connect-SpsPluginAppliance and repeat the work (a transaction ends with its session)");

    /// <summary>The appliance did not answer within the timeout.</summary>
    public static readonly SpsPluginErrorId ApplianceTimeout =
        new("ApplianceTimeout", ErrorKind.OperationTimeout, "The appliance did not answer within the time allowed.", "try again, or give a longer -TimeoutSec; a state-changing call that timed out may still have been carried out: check its result before repeating it");

    /// <summary>The appliance answered a call with an error status.</summary>
    public static readonly SpsPluginErrorId ApplianceRequestFailed =
        new("ApplianceRequestFailed", ErrorKind.InvalidResult, "The appliance answered the call with an error status; the message has the status and SPS's error code, message and details.", "read SPS's error in the message; check the URL, the body and that a transaction is open where the call changes the configuration");

    /// <summary>The appliance is in sealed mode.</summary>
    public static readonly SpsPluginErrorId ApplianceSealed =
        new("ApplianceSealed", ErrorKind.InvalidOperation, "The appliance is in sealed mode, which refuses uploading and deleting plugins over the network.", "unseal the appliance from its local console, or change plugins there");

    /// <summary>Another user holds the appliance's configuration lock.</summary>
    public static readonly SpsPluginErrorId ApplianceTransactionConflict =
        new("ApplianceTransactionConflict", ErrorKind.ResourceExists, "Another user or session holds the appliance's configuration lock (an open transaction or web-interface edit).", "wait for the other user to commit or cancel, or end that session, then repeat the call");

    /// <summary>The appliance answered 411: a state-changing call without a body or Content-Length.</summary>
    public static readonly SpsPluginErrorId ApplianceLengthRequired =
        new("ApplianceLengthRequired", ErrorKind.InvalidArgument, "The appliance answered 411 Length Required: the call changed something without a body or a Content-Length.", "give a body (-Body @{} sends {}) with POST, PUT and PATCH calls");

    /// <summary>The appliance refused an uploaded plugin.</summary>
    public static readonly SpsPluginErrorId PluginUploadRefused =
        new("PluginUploadRefused", ErrorKind.InvalidData, "The appliance refused the uploaded plugin: it does not support the appliance's SPS version, or its MANIFEST or type is invalid (InvalidPlugin); the message has SPS's details.", "read SPS's details, fix the bundle (Test-SpsPluginBundle -TargetSpsVersion <the appliance's release>) and upload again");

    /// <summary>The appliance took the plugin but could not deploy it.</summary>
    public static readonly SpsPluginErrorId PluginDeploymentFailed =
        new("PluginDeploymentFailed", ErrorKind.InvalidResult, "The appliance took the uploaded plugin but could not deploy it (422 TransactionProcessingError): the upload is pending in the open transaction.", "cancel the transaction (Undo-SpsPluginTransaction) or fix the cause named in SPS's details, then upload again");

    /// <summary>A plugin cannot be removed while a plugin configuration uses it.</summary>
    public static readonly SpsPluginErrorId PluginInUse =
        new("PluginInUse", ErrorKind.InvalidOperation, "The plugin cannot be removed: an AA Plugin Configuration (or credential store) still refers to it (400 SemanticError).", "remove or change the configurations that use the plugin (Policies > AA Plugin Configurations), then remove it");

    /// <summary>The appliance has no installed plugin by that key.</summary>
    public static readonly SpsPluginErrorId PluginNotInstalled =
        new("PluginNotInstalled", ErrorKind.ObjectNotFound, "The appliance has no installed plugin of that type and key (404).", "list what is installed with Get-SpsPluginInstallation");

    /// <summary>A cmdlet needs an appliance session and none was given or connected.</summary>
    public static readonly SpsPluginErrorId NoApplianceSession =
        new("NoApplianceSession", ErrorKind.InvalidOperation, "The command needs an appliance session: none was given with -Session, and there is no default one (or it was disconnected).", "run Connect-SpsPluginAppliance first, or pass -Session");

    /// <summary>An appliance address or connection option that cannot be used.</summary>
    public static readonly SpsPluginErrorId ApplianceArgumentInvalid =
        new("ApplianceArgumentInvalid", ErrorKind.InvalidArgument, "An appliance address or connection option cannot be used: not host[:port] or https://host[:port], a plain http:// address, a path, a malformed thumbprint, or no way to log in.", "give the appliance as host, host:port or https://host:port, and a -Credential or -ClientCertificate");

    // Issue 15: publishing
    /// <summary>A bundle to publish has validation errors for the appliance's release.</summary>
    public static readonly SpsPluginErrorId PublishValidationFailed =
        new("PublishValidationFailed", ErrorKind.InvalidData, "The bundle is not published: it has validation errors for the SPS release it was checked against (the appliance's, -TargetSpsVersion's, or the validator's default).", "fix the errors listed (Test-SpsPluginBundle -TargetSpsVersion <release>), or publish anyway with -Force");

    /// <summary>The session has an open transaction the publish would commit along.</summary>
    public static readonly SpsPluginErrorId PublishTransactionOpen =
        new("PublishTransactionOpen", ErrorKind.InvalidOperation, "The session already has an open transaction: a publish that commits would commit its other pending changes too.", "publish into it with -NoCommit and commit it yourself (Complete-SpsPluginTransaction), or commit or cancel it first");

    /// <summary>Every failure id, for documentation and tests; <see cref="SpsPluginErrorCatalogue.All"/> adds the rule ids.</summary>
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
        OutputPathMissing, SettingsNotFound, SettingsInvalid, UnknownSpsRelease, NotFileSystemPath, InvalidConfigEdit,
        SavePathMissing, InvalidSourceDateEpoch, EntryAndRead,
        OutputPathUnpaired, ScenarioNotFound,
        ConfigValueType,
        ConfigFileChanged, ConfigNameSuspicious,
        PipfileNotFound, PipfileInvalid, PackageIndexUnreachable, EnvironmentSetupFailed,
        CredentialStoreConflict,
        ApplianceUnreachable, ApplianceCertificateUntrusted, ApplianceLoginFailed, ApplianceSessionExpired,
        ApplianceTimeout, ApplianceRequestFailed, ApplianceSealed, ApplianceTransactionConflict, ApplianceLengthRequired,
        PluginUploadRefused, PluginDeploymentFailed, PluginInUse, PluginNotInstalled, NoApplianceSession, ApplianceArgumentInvalid,
        PublishValidationFailed, PublishTransactionOpen,
    };
}
