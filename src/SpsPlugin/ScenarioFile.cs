using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// Reads a <c>*.scenario.psd1</c> into a <see cref="SpsPluginScenario"/>. Keys (paths are relative to
/// the scenario file): Name, Plugin, Configuration, CredentialStore, CredentialStoreConfiguration,
/// Protocol, LoginName, GatewayUser, GatewayGroups, GatewayPassword, ServerUsername, ClientIp,
/// ServerIp, ServerPort, SessionId, Answers, MaxQuestions, Environment (variables for the plugins), and Expect = @{ Verdict, GatewayUser,
/// GatewayGroups, Prompts, Reason, PasswordCount, PrivateKeyCount, MaxDurationMs }.
/// </summary>
internal static class ScenarioFile
{
    private static readonly string[] Keys =
    {
        "Name", "Plugin", "Configuration", "CredentialStore", "CredentialStoreConfiguration", "Protocol", "LoginName", "GatewayUser",
        "GatewayGroups", "GatewayPassword", "ServerUsername", "ClientIp", "ServerIp", "ServerPort", "SessionId", "Answers", "MaxQuestions", "Environment", "Expect",
    };

    private static readonly string[] ExpectKeys = { "Verdict", "GatewayUser", "GatewayGroups", "Prompts", "Reason", "PasswordCount", "PrivateKeyCount", "MaxDurationMs" };

    public static SpsPluginScenario Read(string path, IDictionary data, TimeSpan timeout, string? python)
    {
        var folder = Path.GetDirectoryName(path)!;
        var unknown = data.Keys.Cast<object>().Select(k => k.ToString()!).Where(k => !Keys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            throw Invalid(path, $"has the unknown key(s) {string.Join(", ", unknown)}; the keys are {string.Join(", ", Keys)}");
        }
        string? Text(IDictionary map, string key) => map.Contains(key) && map[key] != null ? Convert.ToString(ConfigValues.Unwrap(map[key]), System.Globalization.CultureInfo.InvariantCulture) : null;
        string Resolve(string relative) => Path.GetFullPath(Path.Combine(folder, relative));
        var plugin = Text(data, "Plugin");
        if (plugin == null && Text(data, "CredentialStore") == null)
        {
            throw Invalid(path, "has neither Plugin (the AA plugin's folder or zip, relative to the scenario file) nor CredentialStore");
        }
        var connection = new SpsPluginConnection { Protocol = (Text(data, "Protocol") ?? "ssh").ToLowerInvariant() };
        if (connection.Protocol == "rdp")
        {
            connection.ServerPort = 3389;
        }
        if (Text(data, "LoginName") is string login)
        {
            connection.ApplyLoginName(login);
        }
        connection.GatewayUser = Text(data, "GatewayUser") ?? connection.GatewayUser;
        connection.GatewayGroups = Strings(data, "GatewayGroups") ?? connection.GatewayGroups;
        connection.GatewayPassword = Text(data, "GatewayPassword");
        connection.ServerUsername = Text(data, "ServerUsername") ?? connection.ServerUsername;
        connection.ClientIp = Text(data, "ClientIp") ?? connection.ClientIp;
        connection.ServerIp = Text(data, "ServerIp") ?? connection.ServerIp;
        connection.ServerPort = Text(data, "ServerPort") is string port ? int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : connection.ServerPort;
        connection.SessionId = Text(data, "SessionId");
        var aa = plugin == null ? string.Empty : Resolve(plugin);
        var store = Text(data, "CredentialStore") is string storePath ? Resolve(storePath) : null;
        var expect = data.Contains("Expect") ? ConfigValues.Unwrap(data["Expect"]) as IDictionary ?? throw Invalid(path, "has an Expect that is not a hashtable") : new Hashtable();
        var unknownExpect = expect.Keys.Cast<object>().Select(k => k.ToString()!).Where(k => !ExpectKeys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknownExpect.Length > 0)
        {
            throw Invalid(path, $"expects the unknown key(s) {string.Join(", ", unknownExpect)}; Expect takes {string.Join(", ", ExpectKeys)}");
        }
        var environment = data.Contains("Environment") && data["Environment"] != null
            ? ConfigValues.Unwrap(data["Environment"]) as IDictionary ?? throw Invalid(path, "has an Environment that is not a hashtable")
            : null;
        return new SpsPluginScenario
        {
            Name = Text(data, "Name") ?? Path.GetFileName(path).Replace(".scenario.psd1", string.Empty),
            Path = path,
            Simulation = new SpsPluginSimulationOptions
            {
                AaPlugin = aa,
                AaConfiguration = plugin == null ? string.Empty : SimulationInput.ConfigurationText(data["Configuration"], aa, Resolve),
                CredentialStore = store,
                CredentialStoreConfiguration = store == null ? string.Empty : SimulationInput.ConfigurationText(data["CredentialStoreConfiguration"], store, Resolve),
                Connection = connection,
                Answers = SimulationInput.ToAnswers(data["Answers"] as IDictionary),
                MaxQuestions = Text(data, "MaxQuestions") is string max ? int.Parse(max, System.Globalization.CultureInfo.InvariantCulture) : 10,
                HookTimeout = timeout,
                PythonPath = python,
                Environment = SimulationInput.ToEnvironment(environment, new List<string>()),
            },
            Expect = new SpsPluginScenarioExpectation
            {
                Verdict = Text(expect, "Verdict"),
                GatewayUser = Text(expect, "GatewayUser"),
                GatewayGroups = Strings(expect, "GatewayGroups"),
                Prompts = Strings(expect, "Prompts"),
                Reason = Text(expect, "Reason"),
                PasswordCount = Text(expect, "PasswordCount") is string passwords ? int.Parse(passwords, System.Globalization.CultureInfo.InvariantCulture) : null,
                PrivateKeyCount = Text(expect, "PrivateKeyCount") is string keys ? int.Parse(keys, System.Globalization.CultureInfo.InvariantCulture) : null,
                MaxDuration = Text(expect, "MaxDurationMs") is string ms ? TimeSpan.FromMilliseconds(double.Parse(ms, System.Globalization.CultureInfo.InvariantCulture)) : null,
            },
        };
    }

    private static IReadOnlyList<string>? Strings(IDictionary map, string key)
    {
        if (!map.Contains(key) || map[key] == null)
        {
            return null;
        }
        var value = ConfigValues.Unwrap(map[key]);
        return value is IEnumerable items && value is not string
            ? items.Cast<object?>().Select(i => Convert.ToString(ConfigValues.Unwrap(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToArray()
            : new[] { Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty };
    }

    private static SpsPluginException Invalid(string path, string problem) =>
        new(SpsPluginErrorId.ScenarioInvalid, $"The scenario '{path}' {problem}.", path);
}
