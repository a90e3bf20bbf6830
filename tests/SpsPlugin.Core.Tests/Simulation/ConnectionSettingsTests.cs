using System;
using System.Collections;
using System.IO;
using System.Linq;
using SpsPlugin.IO;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Simulation;

/// <summary>
/// The connection described once: settings (parameters or scenario keys) applied over a connection
/// give the connection every hook's arguments come from, the connection given stays as it was, and a
/// scenario file reads its connection keys through the same settings.
/// </summary>
public sealed class ConnectionSettingsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void SettingsOverNothingAreTheRunScenarioDefaultsOfTheirProtocol()
    {
        var connection = new SpsPluginConnectionSettings { Protocol = "RDP" }.ApplyTo(null);
        Assert.Equal(("rdp", 3389, "targetuser"), (connection.Protocol, connection.ServerPort, connection.ServerUsername));
    }

    [Fact]
    public void ExplicitSettingsWinOverTheLoginNamesParts()
    {
        var connection = new SpsPluginConnectionSettings { LoginName = "gu=alice@otp=1@root", ServerUsername = "admin", GatewayUser = "bob" }.ApplyTo(null);
        Assert.Equal(("admin", "bob", "1"), (connection.ServerUsername, connection.GatewayUser, connection.KeyValuePairs["otp"]));
    }

    [Fact]
    public void AppliedOverAConnectionTheyChangeACopyOnly()
    {
        var original = new SpsPluginConnectionSettings { LoginName = "otp=1@root", GatewayGroups = new[] { "ops" } }.ApplyTo(null);
        var changed = new SpsPluginConnectionSettings { LoginName = "otp=2@admin", ServerIp = "10.0.0.1" }.ApplyTo(original);
        Assert.Equal(("root", "1", "5.6.7.8"), (original.ServerUsername, original.KeyValuePairs["otp"], original.ServerIp));
        Assert.Equal(("admin", "2", "10.0.0.1", "ops"), (changed.ServerUsername, changed.KeyValuePairs["otp"], changed.ServerIp, changed.GatewayGroups.Single()));
    }

    [Theory]
    [InlineData(22, "rdp", 3389)]
    [InlineData(2222, "rdp", 2222)]
    public void ANewProtocolTakesItsDefaultPortUnlessAPortWasChosen(int port, string protocol, int expected)
    {
        var ssh = new SpsPluginConnectionSettings { ServerPort = port }.ApplyTo(null);
        var changed = new SpsPluginConnectionSettings { Protocol = protocol }.ApplyTo(ssh);
        Assert.Equal((protocol, expected), (changed.Protocol, changed.ServerPort));
    }

    [Fact]
    public void TheSameConnectionGivesTheSameHookArgumentsWhicheverWayItWasDescribed()
    {
        var connection = new SpsPluginConnectionSettings { Protocol = "rdp", LoginName = @"CORP\otp~1%admin", ClientIp = "9.9.9.9" }.ApplyTo(null);
        var plugin = new PluginBuilder().WriteFolder(_temp);
        var file = _temp.Combine("a.scenario.psd1");
        var table = new Hashtable(StringComparer.OrdinalIgnoreCase) { ["Plugin"] = Path.GetFileName(plugin), ["Protocol"] = "rdp", ["LoginName"] = @"CORP\otp~1%admin", ["ClientIp"] = "9.9.9.9" };
        var fromFile = SpsPluginScenarioFile.Read(file, table, TimeSpan.FromSeconds(1), null).Simulation.Connection;
        var piped = SpsPluginScenarioFile.Read(file, new Hashtable { ["Plugin"] = Path.GetFileName(plugin) }, TimeSpan.FromSeconds(1), null, connection).Simulation.Connection;
        foreach (var hook in SpsHooks.All)
        {
            // Compared as the JSON the hook receives: the arguments hold lists and tables.
            var expected = MiniJson.Write(SpsPluginHookArguments.For(hook.Name, connection));
            Assert.Equal(expected, MiniJson.Write(SpsPluginHookArguments.For(hook.Name, fromFile)));
            Assert.Equal(expected, MiniJson.Write(SpsPluginHookArguments.For(hook.Name, piped)));
        }
    }

    [Fact]
    public void AScenarioFilesConnectionKeysWinOverAConnectionGiven()
    {
        var plugin = new PluginBuilder().WriteFolder(_temp);
        var given = new SpsPluginConnectionSettings { Protocol = "rdp", ServerIp = "10.0.0.1" }.ApplyTo(null);
        var table = new Hashtable { ["Plugin"] = Path.GetFileName(plugin), ["ServerIp"] = "10.0.0.2" };
        var connection = SpsPluginScenarioFile.Read(_temp.Combine("b.scenario.psd1"), table, TimeSpan.FromSeconds(1), null, given).Simulation.Connection;
        Assert.Equal(("rdp", "10.0.0.2"), (connection.Protocol, connection.ServerIp));
        Assert.Equal("10.0.0.1", given.ServerIp);
    }

    [Fact]
    public void EveryConnectionSettingIsAScenarioKey() =>
        Assert.Empty(SpsPluginConnectionSettings.Keys.Except(SpsPluginScenarioFile.Keys));

    [Fact]
    public void TheConnectionsTextNeverShowsTheGatewayPassword()
    {
        var connection = new SpsPluginConnectionSettings { GatewayPassword = "hunter2-secret" }.ApplyTo(null);
        Assert.Equal("ssh targetuser@5.6.7.8:22", connection.ToString());
    }
}
