using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Simulation;

/// <summary>
/// The scenario file format, from the plain table PowerShell reads out of a .psd1 (a case-insensitive
/// Hashtable, object[] lists, int and double numbers): every key becomes its part of the scenario, and
/// every bad value is a ScenarioInvalid failure naming the file, the key and the value.
/// </summary>
public sealed class ScenarioFileTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _plugin;
    private readonly string _file;

    public ScenarioFileTests()
    {
        _plugin = new PluginBuilder().WriteFolder(_temp);
        _file = _temp.Combine("tests", "asks.scenario.psd1");
    }

    public void Dispose() => _temp.Dispose();

    private Hashtable Scenario(params (string Key, object? Value)[] values)
    {
        var table = new Hashtable(StringComparer.OrdinalIgnoreCase) { ["Plugin"] = "../" + Path.GetFileName(_plugin) };
        foreach (var (key, value) in values)
        {
            table[key] = value;
        }
        return table;
    }

    private SpsPluginScenario Read(Hashtable table) => SpsPluginScenarioFile.Read(_file, table, TimeSpan.FromSeconds(7), "/opt/python3");

    [Fact]
    public void AMinimalScenarioTakesTheDefaults()
    {
        var scenario = Read(Scenario());
        Assert.Equal("asks", scenario.Name);
        Assert.Equal(_file, scenario.Path);
        Assert.Equal(_plugin, scenario.Simulation.AaPlugin);
        Assert.Equal(PluginBuilder.GoodConfig, scenario.Simulation.AaConfiguration);
        Assert.Null(scenario.Simulation.CredentialStore);
        Assert.Equal(("ssh", 22), (scenario.Simulation.Connection.Protocol, scenario.Simulation.Connection.ServerPort));
        Assert.Equal(SpsPluginScenarioFile.DefaultMaxQuestions, scenario.Simulation.MaxQuestions);
        Assert.Equal(TimeSpan.FromSeconds(7), scenario.Simulation.HookTimeout);
        Assert.Equal("/opt/python3", scenario.Simulation.PythonPath);
        Assert.Empty(scenario.Simulation.Answers);
        Assert.Empty(scenario.Simulation.Environment);
        Assert.Null(scenario.Expect.Verdict);
    }

    [Fact]
    public void EveryKeyInAnyCaseFindsItsPlace()
    {
        var scenario = Read(Scenario(
            ("name", "all keys"), ("Configuration", "[ticket]\nmax=1\n"), ("CREDENTIALSTORE", "../" + Path.GetFileName(_plugin)),
            ("CredentialStoreConfiguration", ""), ("Protocol", "RDP"), ("LoginName", "CORP\\gu~alice%Administrator"),
            ("GatewayGroups", new object[] { "admins", "ops" }), ("GatewayPassword", "pw"), ("ClientIp", "10.0.0.1"), ("ServerIp", "10.0.0.2"),
            ("SessionId", 42), ("Answers", new Hashtable { ["otp"] = new object[] { "1", 2 }, ["ticket"] = "INC1" }), ("MaxQuestions", "3"),
            ("Environment", new Hashtable { ["DEBUG"] = true, ["LEVEL"] = 2 }),
            ("Expect", new Hashtable(StringComparer.OrdinalIgnoreCase)
            {
                ["verdict"] = "ACCEPT", ["GatewayUser"] = "alice", ["GatewayGroups"] = "admins", ["Prompts"] = new object[] { "OTP*" },
                ["Reason"] = "*", ["PasswordCount"] = 1, ["PrivateKeyCount"] = "0", ["MaxDurationMs"] = 2500.5,
            })));
        var connection = scenario.Simulation.Connection;
        Assert.Equal("all keys", scenario.Name);
        Assert.Equal("[ticket]\nmax=1\n", scenario.Simulation.AaConfiguration);
        Assert.Equal(_plugin, scenario.Simulation.CredentialStore);
        Assert.Equal(string.Empty, scenario.Simulation.CredentialStoreConfiguration);
        Assert.Equal(("rdp", 3389, "Administrator", "CORP", "alice"), (connection.Protocol, connection.ServerPort, connection.ServerUsername, connection.ServerDomain, connection.GatewayUser));
        Assert.Equal(new[] { "admins", "ops" }, connection.GatewayGroups);
        Assert.Equal(("pw", "10.0.0.1", "10.0.0.2", "42"), (connection.GatewayPassword, connection.ClientIp, connection.ServerIp, connection.SessionId));
        Assert.Equal(new[] { "otp=1", "otp=2", "ticket=INC1" },
            scenario.Simulation.Answers.Select(a => $"{a.Key}={a.Value.Value}").OrderBy(a => a, StringComparer.Ordinal));
        Assert.DoesNotContain(scenario.Simulation.Answers, a => a.Value.IsSecret);
        Assert.Equal(3, scenario.Simulation.MaxQuestions);
        Assert.Equal(new Dictionary<string, string> { ["DEBUG"] = "yes", ["LEVEL"] = "2" }, scenario.Simulation.Environment);
        var expect = scenario.Expect;
        Assert.Equal(("ACCEPT", "alice", "*", 1, 0), (expect.Verdict, expect.GatewayUser, expect.Reason, expect.PasswordCount, expect.PrivateKeyCount));
        Assert.Equal(new[] { "admins" }, expect.GatewayGroups);
        Assert.Equal(new[] { "OTP*" }, expect.Prompts);
        Assert.Equal(TimeSpan.FromMilliseconds(2500.5), expect.MaxDuration);
    }

    [Fact]
    public void RequiresModuleTakesOneModuleOrAList()
    {
        Assert.Empty(Read(Scenario()).RequiredModules);
        Assert.Equal(new[] { "safeguard.sessions.plugin" }, Read(Scenario(("RequiresModule", "safeguard.sessions.plugin"))).RequiredModules);
        Assert.Equal(new[] { "json", "_private.mod2" }, Read(Scenario(("requiresmodule", new object[] { "json", "_private.mod2" }))).RequiredModules);
    }

    [Fact]
    public void AServerPortOverridesTheProtocolsDefault() =>
        Assert.Equal(2222, Read(Scenario(("Protocol", "rdp"), ("ServerPort", "2222"))).Simulation.Connection.ServerPort);

    public static IEnumerable<object?[]> BadValues() => new[]
    {
        new object?[] { "ServerPort", "abc", "ServerPort = 'abc'; ServerPort takes a whole number from 1 to 65535" },
        new object?[] { "ServerPort", 0, "ServerPort = 0;" },
        new object?[] { "ServerPort", 70000, "ServerPort = 70000;" },
        new object?[] { "ServerPort", 22.5, "ServerPort = 22.5;" },
        new object?[] { "ServerPort", "1e3", "ServerPort = '1e3';" },
        new object?[] { "ServerPort", true, "ServerPort = $true;" },
        new object?[] { "MaxQuestions", "many", "MaxQuestions = 'many'; MaxQuestions takes a whole number from 1 to 1000" },
        new object?[] { "MaxQuestions", 0, "MaxQuestions = 0;" },
        new object?[] { "Protocol", "sftp", "Protocol = 'sftp'; Protocol takes one of ssh, rdp, telnet, vnc, http, ica" },
        new object?[] { "Name", new object[] { "a", "b" }, "Name = a list @( … ); Name takes text" },
        new object?[] { "GatewayUser", new Hashtable(), "GatewayUser = a table @{ … }; GatewayUser takes text" },
        new object?[] { "GatewayGroups", new object[] { "a", new Hashtable() }, "GatewayGroups = a table @{ … }; GatewayGroups takes text or a list of texts" },
        new object?[] { "Answers", "otp", "Answers = 'otp'; Answers takes a table @{ … }" },
        new object?[] { "Answers", new Hashtable { ["otp"] = new Hashtable() }, "Answers.otp = a table @{ … }; Answers.otp takes text or a list of texts" },
        new object?[] { "Environment", "DEBUG=1", "Environment = 'DEBUG=1'; Environment takes a table @{ … }" },
        new object?[] { "Environment", new Hashtable { ["A=B"] = "x" }, "Environment.A=B = 'x': The environment variable 'A=B' cannot be passed" },
        new object?[] { "Environment", new Hashtable { ["PATHS"] = new object[] { "a" } }, "Environment.PATHS = a list @( … ); Environment.PATHS takes text" },
        new object?[] { "LoginName", "DOMAIN\\otp=1%admin", "LoginName = 'DOMAIN\\otp=1%admin': " },
        new object?[] { "Configuration", "missing.cfg", "Configuration = 'missing.cfg': " },
        new object?[] { "Configuration", "a\0.cfg", "Configuration = 'a\0.cfg'; Configuration takes a path (with no NUL character)" },
        new object?[] { "Plugin", "..\0", "Plugin = '..\0'; Plugin takes a path (with no NUL character)" },
        new object?[] { "Expect", "ACCEPT", "Expect = 'ACCEPT'; Expect takes a table @{ … }" },
        new object?[] { "Expect", new Hashtable { ["PasswordCount"] = "two" }, "Expect.PasswordCount = 'two'; Expect.PasswordCount takes a whole number from 0 to" },
        new object?[] { "Expect", new Hashtable { ["PrivateKeyCount"] = -1 }, "Expect.PrivateKeyCount = -1;" },
        new object?[] { "Expect", new Hashtable { ["MaxDurationMs"] = "soon" }, "Expect.MaxDurationMs = 'soon'; Expect.MaxDurationMs takes a number of milliseconds above 0" },
        new object?[] { "Expect", new Hashtable { ["MaxDurationMs"] = double.NaN }, "Expect.MaxDurationMs = NaN;" },
        new object?[] { "Expect", new Hashtable { ["MaxDurationMs"] = 0 }, "Expect.MaxDurationMs = 0;" },
        new object?[] { "Expect", new Hashtable { ["Verdict"] = "ACCEPT", ["Verdit"] = "DENY" }, "the unknown key(s) Expect.Verdit; Expect takes Verdict, GatewayUser" },
        new object?[] { "Plugins", "..", "the unknown key(s) Plugins; the keys are Name, Plugin" },
        new object?[] { "RequiresModule", "safeguard sessions", "RequiresModule = 'safeguard sessions'; RequiresModule takes a Python module name such as safeguard.sessions.plugin" },
        new object?[] { "RequiresModule", new object[] { "json", "os;rm" }, "RequiresModule = 'os;rm'; RequiresModule takes a Python module name" },
        new object?[] { "RequiresModule", "safeguard..plugin", "RequiresModule = 'safeguard..plugin';" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void ABadValueIsScenarioInvalidNamingTheFileTheKeyAndTheValue(string key, object? value, string expected)
    {
        // The LoginName case is written for RDP, whose login names take '~' for '='.
        var table = key == "LoginName" ? Scenario(("Protocol", "rdp")) : Scenario();
        table[key] = value;
        var failure = Assert.Throws<SpsPluginException>(() => Read(table));
        Assert.Equal(SpsPluginErrorId.ScenarioInvalid, failure.ErrorId);
        Assert.Equal(_file, failure.Path);
        Assert.StartsWith($"The scenario '{_file}' has ", failure.Message);
        Assert.Contains(expected, failure.Message);
    }

    [Fact]
    public void AScenarioNeedsAPluginOrACredentialStore()
    {
        var failure = Assert.Throws<SpsPluginException>(() => Read(new Hashtable { ["Protocol"] = "ssh" }));
        Assert.Equal(SpsPluginErrorId.ScenarioInvalid, failure.ErrorId);
        Assert.Contains("neither Plugin", failure.Message);
    }
}
