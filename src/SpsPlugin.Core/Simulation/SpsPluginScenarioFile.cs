using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// The scenario file format (<c>*.scenario.psd1</c>). A scenario file is a PowerShell data file, and
/// Core has no PowerShell: the cmdlet reads the file into a table (Import-PowerShellDataFile) and
/// hands over its plain values (strings, numbers, booleans, null, tables as <see cref="IDictionary"/>
/// and lists as <see cref="IEnumerable"/>); this class owns everything after that: the keys, the kind
/// of each value, the defaults, and the scenario they make. Keys (any case; paths are relative to the
/// scenario file): Name, Plugin, Configuration, CredentialStore, CredentialStoreConfiguration,
/// Protocol, LoginName, GatewayUser, GatewayGroups, GatewayPassword, ServerUsername, ClientIp,
/// ServerIp, ServerPort, SessionId, Answers, MaxQuestions, Environment (variables for the plugins),
/// RequiresModule (Python modules the scenario needs, e.g. the SDK: when the interpreter cannot import
/// one, the scenario is skipped with that reason instead of failing), and Expect = @{ Verdict, GatewayUser, GatewayGroups, Prompts, Reason, PasswordCount,
/// PrivateKeyCount, MaxDurationMs }.
/// </summary>
public static class SpsPluginScenarioFile
{
    /// <summary>How a scenario file's name ends; a folder holds the scenarios whose names end so.</summary>
    public const string Extension = ".scenario.psd1";

    /// <summary>The keys of a scenario file.</summary>
    public static IReadOnlyList<string> Keys { get; } = new[] { "Name", "Plugin", "Configuration", "CredentialStore", "CredentialStoreConfiguration" }
        .Concat(SpsPluginConnectionSettings.Keys)
        .Concat(new[] { "Answers", "MaxQuestions", "Environment", "Expect", "RequiresModule" })
        .ToArray();

    /// <summary>The keys of a scenario's Expect table.</summary>
    public static IReadOnlyList<string> ExpectKeys { get; } =
        new[] { "Verdict", "GatewayUser", "GatewayGroups", "Prompts", "Reason", "PasswordCount", "PrivateKeyCount", "MaxDurationMs" };

    /// <summary>The most NEEDINFO questions a scenario allows in a row when it does not say.</summary>
    public const int DefaultMaxQuestions = 10;

    /// <summary>Builds the scenario that the file at <paramref name="path"/> describes with <paramref name="data"/>.</summary>
    /// <param name="path">The scenario file: names the scenario by default, anchors relative paths, and is named in failures.</param>
    /// <param name="data">The file's table of plain values.</param>
    /// <param name="hookTimeout">How long each hook may run.</param>
    /// <param name="pythonPath">The interpreter, or null to find one.</param>
    /// <param name="connection">The connection the file's connection keys apply over (a -Connection piped in); null for the run-scenario defaults.</param>
    /// <exception cref="SpsPluginException">ScenarioInvalid, naming the file, the key and the value; or the failure to read a configuration the file names.</exception>
    public static SpsPluginScenario Read(string path, IDictionary data, TimeSpan hookTimeout, string? pythonPath, SpsPluginConnection? connection = null)
    {
        var values = new DataFileTable(data, Keys, SpsPluginErrorId.ScenarioInvalid, $"The scenario '{path}'", path);
        var folder = Path.GetDirectoryName(path)!;
        // Paths are relative to the scenario file; a NUL character, which no file system takes, is the key's bad value.
        Func<string, string> Resolver(string key) => relative => relative.IndexOf('\0') < 0
            ? Path.GetFullPath(Path.Combine(folder, relative))
            : throw values.WrongKind(key, relative, "a path (with no NUL character)");
        var plugin = values.Text("Plugin");
        var store = values.Text("CredentialStore") is string storePath ? Resolver("CredentialStore")(storePath) : null;
        if (plugin == null && store == null)
        {
            throw values.Invalid("has neither Plugin (the AA plugin's folder or zip, relative to the scenario file) nor CredentialStore");
        }
        var aa = plugin == null ? string.Empty : Resolver("Plugin")(plugin);
        var expect = values.Nested("Expect", ExpectKeys);
        return new SpsPluginScenario
        {
            Name = values.Text("Name") ?? DefaultName(path),
            Path = path,
            RequiredModules = RequiredModules(values),
            Simulation = new SpsPluginSimulationOptions
            {
                AaPlugin = aa,
                AaConfiguration = plugin == null ? string.Empty : ConfigurationText(values, "Configuration", "Plugin", aa, Resolver("Configuration")),
                CredentialStore = store,
                CredentialStoreConfiguration = store == null ? string.Empty : ConfigurationText(values, "CredentialStoreConfiguration", "CredentialStore", store, Resolver("CredentialStoreConfiguration")),
                Connection = Connection(values, connection),
                Answers = values.TextsByKey("Answers").Select(a => new KeyValuePair<string, SpsPluginAnswer>(a.Key, new SpsPluginAnswer(a.Value, isSecret: false))).ToList(),
                ScenarioFile = path,
                MaxQuestions = values.Whole("MaxQuestions", 1, 1000) ?? DefaultMaxQuestions,
                HookTimeout = hookTimeout,
                PythonPath = pythonPath,
                Environment = Environment(values),
            },
            Expect = new SpsPluginScenarioExpectation
            {
                Verdict = expect.Text("Verdict"),
                GatewayUser = expect.Text("GatewayUser"),
                GatewayGroups = expect.Texts("GatewayGroups"),
                Prompts = expect.Texts("Prompts"),
                Reason = expect.Text("Reason"),
                PasswordCount = expect.Whole("PasswordCount", 0, int.MaxValue),
                PrivateKeyCount = expect.Whole("PrivateKeyCount", 0, int.MaxValue),
                MaxDuration = expect.Milliseconds("MaxDurationMs"),
            },
        };
    }

    // A dotted Python module name: anything else could never be imported, and would reach the interpreter's command line.
    private static readonly System.Text.RegularExpressions.Regex ModuleName = new(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$");

    private static IReadOnlyList<string> RequiredModules(DataFileTable values)
    {
        var modules = values.Texts("RequiresModule") ?? Array.Empty<string>();
        foreach (var module in modules)
        {
            if (!ModuleName.IsMatch(module))
            {
                throw values.WrongKind("RequiresModule", module, "a Python module name such as safeguard.sessions.plugin");
            }
        }
        return modules;
    }

    /// <summary>The file name without <see cref="Extension"/>.</summary>
    private static string DefaultName(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - Extension.Length) : name;
    }

    /// <summary>
    /// The configuration <paramref name="configurationKey"/> gives, or the plugin's default.cfg; one
    /// that cannot be read blames the key that named it.
    /// </summary>
    private static string ConfigurationText(DataFileTable values, string configurationKey, string pluginKey, string pluginPath, Func<string, string> resolve)
    {
        var given = values.Text(configurationKey);
        try
        {
            return SpsPluginSimulationConfiguration.Text(given, pluginPath, resolve);
        }
        catch (SpsPluginException failure)
        {
            throw values.Refused(given == null ? pluginKey : configurationKey, failure);
        }
    }

    /// <summary>The file's connection keys, read as the settings they name, over <paramref name="connection"/>.</summary>
    private static SpsPluginConnection Connection(DataFileTable values, SpsPluginConnection? connection)
    {
        var settings = new SpsPluginConnectionSettings
        {
            Protocol = values.Choice(nameof(SpsPluginConnectionSettings.Protocol), SpsPluginConnection.Protocols),
            LoginName = values.Text(nameof(SpsPluginConnectionSettings.LoginName)),
            GatewayUser = values.Text(nameof(SpsPluginConnectionSettings.GatewayUser)),
            GatewayGroups = values.Texts(nameof(SpsPluginConnectionSettings.GatewayGroups)),
            GatewayPassword = values.Text(nameof(SpsPluginConnectionSettings.GatewayPassword)),
            ServerUsername = values.Text(nameof(SpsPluginConnectionSettings.ServerUsername)),
            ClientIp = values.Text(nameof(SpsPluginConnectionSettings.ClientIp)),
            ServerIp = values.Text(nameof(SpsPluginConnectionSettings.ServerIp)),
            ServerPort = values.Whole(nameof(SpsPluginConnectionSettings.ServerPort), 1, 65535),
            SessionId = values.Text(nameof(SpsPluginConnectionSettings.SessionId)),
        };
        try
        {
            return settings.ApplyTo(connection);
        }
        catch (SpsPluginException failure)
        {
            // Only the login name can be refused: the other values were checked as they were read.
            throw values.Refused(nameof(SpsPluginConnectionSettings.LoginName), failure);
        }
    }

    /// <summary>Variables for the plugins: values as configuration text ($true is yes), each one a process can take.</summary>
    private static Dictionary<string, string> Environment(DataFileTable values)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in values.Table("Environment") ?? new Hashtable())
        {
            var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
            var text = entry.Value is IEnumerable and not string
                ? throw values.WrongKind("Environment." + name, entry.Value, "text")
                : SpsPluginConfigText.FromValue(entry.Value);
            try
            {
                PythonEnvironment.Check(name, text);
            }
            catch (SpsPluginException failure)
            {
                throw values.Refused("Environment." + name, entry.Value, failure);
            }
            variables[name] = text;
        }
        return variables;
    }
}
