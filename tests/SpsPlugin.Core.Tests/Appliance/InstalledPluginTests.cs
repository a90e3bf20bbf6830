using System;
using System.IO;
using System.Linq;
using System.Security;
using SpsPlugin.ApplianceDouble;

namespace SpsPlugin.Tests.Appliance;

/// <summary>
/// What is installed on an appliance, against the SPS double: the integrity check (each operation failing
/// for the cause it inspects), removal faults, and a local bundle compared with the installed plugin.
/// </summary>
public sealed class InstalledPluginTests : IDisposable
{
    private const string Manifest = "name: ticket_gate\ntype: aa\napi: \"1.0\"\nversion: \"1.2.0\"\ndescription: Ticket gate\nscb_min_version: \"6.0\"\n";

    private readonly SpsDouble appliance = SpsDouble.Start(new SpsDoubleOptions());
    private readonly string folder = Path.Combine(Path.GetTempPath(), "spsplugin-installed-" + Guid.NewGuid().ToString("N"));

    public InstalledPluginTests() => Directory.CreateDirectory(folder);

    public void Dispose()
    {
        appliance.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void AnUntouchedPluginPassesEveryOperation()
    {
        using var session = Connect(appliance);
        var result = session.CheckIntegrity(Install(session, Zip(Manifest)));
        Assert.True(result.Passed);
        Assert.Equal(SpsIntegrityOperation.All, result.Checks.Select(c => c.Operation));
        Assert.All(result.Checks, c => Assert.Equal("passed", c.Verdict));
        Assert.Contains(appliance.Requests, r => r.Path == "/api/plugin/integrity"
            && r.Query.Contains("plugin_type=aa") && r.Query.Contains("ops=zip_checksum&ops=zip_content&ops=unregistered"));
    }

    [Fact]
    public void ATamperedZipFailsOnlyTheChecksum()
    {
        using var session = Connect(appliance);
        var plugin = Install(session, Zip(Manifest));
        appliance.TamperPlugin("aa", plugin.Key);
        var result = session.CheckIntegrity(plugin);
        Assert.False(result.Passed);
        Assert.Equal(new[] { "zip_checksum" }, result.Checks.Where(c => !c.Passed).Select(c => c.Operation));
        Assert.Equal("failed", result.Checks[0].Verdict);
        Assert.Contains("SHA-256", result.Checks[0].Reason);
    }

    [Fact]
    public void ARemovedDeployedFileFailsTheContentCheck()
    {
        using var session = Connect(appliance);
        var plugin = Install(session, Zip(Manifest));
        appliance.RemoveDeployedFile("aa", plugin.Key, "main.py");
        var content = Assert.Single(session.CheckIntegrity(plugin, new[] { SpsIntegrityOperation.ZipContent }).Checks);
        Assert.False(content.Passed);
        Assert.Contains("main.py", content.Reason);
    }

    [Fact]
    public void AnUnregisteredFolderFailsTheUnregisteredCheck()
    {
        using var session = Connect(appliance);
        var plugin = Install(session, Zip(Manifest));
        appliance.AddUnregistered("aa", "leftover");
        var result = session.CheckIntegrity(plugin);
        Assert.Equal(new[] { "unregistered" }, result.Checks.Where(c => !c.Passed).Select(c => c.Operation));
        Assert.Contains("leftover", result.Checks.Single(c => c.Operation == "unregistered").Reason);
    }

    [Fact]
    public void AnOperationTheAnswerLacksFailsInsteadOfPassing()
    {
        using var session = Connect(appliance);
        var plugin = Install(session, Zip(Manifest));
        var answer = new System.Collections.Generic.Dictionary<string, object?>
        {
            ["body"] = new System.Collections.Generic.Dictionary<string, object?>
            {
                ["zip_checksum"] = new System.Collections.Generic.Dictionary<string, object?> { ["verdict"] = "passed" },
            },
        };
        var result = SpsPluginIntegrityResult.Read(plugin, SpsIntegrityOperation.All, answer);
        Assert.False(result.Passed);
        Assert.Null(result.Checks[1].Verdict);
        Assert.Contains("no verdict for zip_content", result.Checks[1].Reason);
    }

    [Fact]
    public void RemovalFaultsHaveTheirIds()
    {
        using var session = Connect(appliance);
        var plugin = Install(session, Zip(Manifest));
        appliance.MarkInUse("aa", plugin.Key);
        session.OpenTransaction();
        var inUse = Assert.Throws<SpsPluginException>(() => session.RemovePlugin(SpsPluginType.Aa, plugin.Key));
        Assert.Equal(SpsPluginErrorId.PluginInUse, inUse.ErrorId);
        session.CancelTransaction();
        appliance.MarkInUse("aa", plugin.Key, inUse: false);

        session.OpenTransaction();
        session.RemovePlugin(SpsPluginType.Aa, plugin.Key);
        session.CommitTransaction();
        Assert.Empty(appliance.Plugins("aa"));
        var gone = Assert.Throws<SpsPluginException>(() => session.RemovePlugin(SpsPluginType.Aa, plugin.Key));
        Assert.Equal(SpsPluginErrorId.PluginNotInstalled, gone.ErrorId);
        var noIntegrity = Assert.Throws<SpsPluginException>(() => session.CheckIntegrity(plugin));
        Assert.Equal(SpsPluginErrorId.PluginNotInstalled, noIntegrity.ErrorId);
        session.CancelTransaction();
    }

    [Fact]
    public void AComparisonNeverClaimsSameWithoutAChecksum()
    {
        using var session = Connect(appliance);
        var zip = Zip(Manifest);
        var local = SpsPluginBundleIdentity.FromZip(zip);
        Assert.Equal(SpsPluginInstallationStatus.NotInstalled, SpsPluginInstallationComparison.Compare(session.Appliance, local, null).Status);

        var installed = Install(session, zip);
        var listed = session.GetInstalledPlugins(SpsPluginType.Aa, "ticket_gate").Single();
        Assert.Null(listed.Sha256);
        var unknown = SpsPluginInstallationComparison.Compare(session.Appliance, local, listed);
        Assert.Equal(SpsPluginInstallationStatus.VersionMatchesChecksumUnknown, unknown.Status);
        Assert.Contains("does not report", unknown.Reason);
        Assert.Empty(unknown.Differences);
        Assert.Equal(installed.Key, unknown.Key);

        var newer = SpsPluginBundleIdentity.FromZip(Zip(Manifest.Replace("1.2.0", "1.3.0"), "newer.zip"));
        var different = SpsPluginInstallationComparison.Compare(session.Appliance, newer, listed);
        Assert.Equal(SpsPluginInstallationStatus.Different, different.Status);
        var version = Assert.Single(different.Differences);
        Assert.Equal(("version", "1.3.0", "1.2.0"), (version.Field, version.Local, version.Installed));
    }

    [Fact]
    public void AComparisonIsSameOnlyWhenTheReportedChecksumMatches()
    {
        using var reporting = SpsDouble.Start(new SpsDoubleOptions { ReportChecksums = true });
        using var session = Connect(reporting);
        var zip = Zip(Manifest);
        Install(session, zip);
        var listed = session.GetInstalledPlugins(SpsPluginType.Aa).Single();
        var same = SpsPluginInstallationComparison.Compare(session.Appliance, SpsPluginBundleIdentity.FromZip(zip), listed);
        Assert.Equal(SpsPluginInstallationStatus.Same, same.Status);
        Assert.Equal(same.LocalSha256, same.InstalledSha256, StringComparer.OrdinalIgnoreCase);

        // Same fields, other bytes: only the checksum tells them apart.
        var rebuilt = SpsPluginBundleIdentity.FromZip(Zip(Manifest, "rebuilt.zip", "# rebuilt\n"));
        var different = SpsPluginInstallationComparison.Compare(session.Appliance, rebuilt, listed);
        Assert.Equal(SpsPluginInstallationStatus.Different, different.Status);
        Assert.Equal("sha256", Assert.Single(different.Differences).Field);

        var source = Path.Combine(folder, "source");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "MANIFEST"), Manifest);
        var fromFolder = SpsPluginInstallationComparison.Compare(session.Appliance, SpsPluginBundleIdentity.FromZip(source), listed);
        Assert.Equal(SpsPluginInstallationStatus.VersionMatchesChecksumUnknown, fromFolder.Status);
        Assert.Contains("folder", fromFolder.Reason);
    }

    [Fact]
    public void PendingChangesAreTheListBehindTheLinkNotTheLinkItself()
    {
        using var session = Connect(appliance);
        var zip = Zip(Manifest);
        var opened = session.OpenTransaction();
        Assert.True(opened.IsOpen);
        Assert.Empty(opened.Changes!);
        using (var stream = File.OpenRead(zip))
        {
            session.UploadPlugin(stream, stream.Length);
        }
        using (var stream = File.OpenRead(Zip(Manifest.Replace("ticket_gate", "second_gate"), "second.zip")))
        {
            session.UploadPlugin(stream, stream.Length);
        }
        Assert.Equal(2, session.GetTransaction().Changes!.Count);
        Assert.Contains(appliance.Requests, r => r.Method == "GET" && r.Path == "/api/transaction/changes");
        session.CancelTransaction();
    }

    [Fact]
    public void OpeningATransactionReadsItsStateFromTheAnswer()
    {
        using var session = Connect(appliance);
        var before = appliance.Requests.Count(r => r.Method == "GET" && r.Path == "/api/transaction");
        Assert.True(session.OpenTransaction().IsOpen);
        Assert.Equal(before, appliance.Requests.Count(r => r.Method == "GET" && r.Path == "/api/transaction"));
        session.CancelTransaction();
    }

    [Fact]
    public void AFailedCancelOfItsOwnTransactionIsReportedBesideTheFailure()
    {
        using var session = Connect(appliance);
        var failure = Assert.Throws<SpsPluginException>(() => session.RunInTransaction(() =>
        {
            appliance.SetFault(DoubleFault.FailNext("/api/transaction", 500, "InternalError"));
            throw new SpsPluginException(SpsPluginErrorId.PluginInUse, "The change failed.");
        }, commit: true));
        Assert.Equal(SpsPluginErrorId.PluginInUse, failure.ErrorId);
        Assert.StartsWith("The change failed. Cancelling the transaction opened for it failed too (", failure.Message);
        Assert.Contains("DELETE /api/transaction answered 500", failure.Message);
        Assert.IsType<SpsPluginException>(failure.InnerException);
        Assert.True(session.CancelTransaction().IsOpen == false);

        var cancelled = Assert.Throws<SpsPluginException>(() => session.RunInTransaction(
            () => throw new SpsPluginException(SpsPluginErrorId.PluginInUse, "The change failed."), commit: true));
        Assert.Equal("The change failed. The transaction opened for it was cancelled; nothing was changed.", cancelled.Message);
        Assert.False(session.GetTransaction().IsOpen);
    }

    private string Zip(string manifest, string name = "plugin.zip", string extra = "")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, PluginZip.MakeRaw(("MANIFEST", manifest), ("main.py", "class Plugin:\n    pass\n" + extra)));
        return path;
    }

    private static SpsInstalledPlugin Install(SpsApplianceSession session, string zip)
    {
        session.OpenTransaction();
        using var stream = File.OpenRead(zip);
        var plugin = session.UploadPlugin(stream, stream.Length);
        session.CommitTransaction();
        return plugin;
    }

    private static SpsApplianceSession Connect(SpsDouble target)
    {
        var secure = new SecureString();
        foreach (var c in SpsDoubleOptions.DefaultPassword)
        {
            secure.AppendChar(c);
        }
        return SpsApplianceSession.Connect(new SpsApplianceConnectionOptions
        {
            Appliance = target.Appliance,
            UserName = SpsDoubleOptions.DefaultUser,
            Password = secure,
            SkipCertificateCheck = true,
            Timeout = TimeSpan.FromSeconds(10),
        });
    }
}
