using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SpsPlugin.Completers;

namespace SpsPlugin.Commands;

/// <summary>
/// Publishes plugin bundles (zips, folders, Compress-SpsPluginBundle output) to one or many SPS appliances:
/// validates for each appliance's release, skips what is installed already (same version and checksum),
/// uploads inside a transaction it opens and commits (or the caller's, -NoCommit), and reports per appliance.
/// </summary>
[Cmdlet(VerbsData.Publish, "SpsPluginBundle", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SpsPluginPublishResult))]
public sealed class PublishSpsPluginBundleCommand : PathCmdletBase
{
    private const string Activity = "Publishing plugin bundle";

    /// <summary>The appliance sessions to publish to; the default session when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public SpsApplianceSession[]? Session { get; set; }

    /// <summary>The SPS release to validate against when an appliance does not report one SpsPlugin knows.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ReleaseCompleter))]
    [ValidateNotNullOrEmpty]
    public string? TargetSpsVersion { get; set; }

    /// <summary>Publish despite validation errors, and upload even when the same version and checksum is installed.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Upload into the session's open transaction and leave it open: never commit or cancel it.</summary>
    [Parameter]
    public SwitchParameter NoCommit { get; set; }

    /// <summary>The commit message of the transaction the publish opens.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CommitMessage { get; set; }

    /// <inheritdoc />
    protected override string? NothingDone => "nothing was published";

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        var sessions = ResolveSessions(Session);
        using var source = SpsPluginPublisher.Resolve(path);
        WriteVerbose($"{source}: {source.Identity}.");
        foreach (var session in sessions)
        {
            Publish(source, session);
        }
    }

    private void Publish(SpsPluginPublishSource source, SpsApplianceSession session)
    {
        var clock = Stopwatch.StartNew();
        var messages = new ConcurrentQueue<string>();
        var options = new SpsPluginPublishOptions
        {
            TargetRelease = ResolveRelease(TargetSpsVersion),
            Force = Force,
            NoCommit = NoCommit,
            CommitMessage = CommitMessage,
            Verbose = messages.Enqueue,
        };
        try
        {
            var plan = SpsPluginPublisher.Plan(source, session, options);
            Flush(messages);
            var identity = source.Identity;
            if (!ShouldProcess(session.Appliance, $"{(plan.Upload ? "Upload" : "Skip")} {identity.Type}/{identity.Name} {identity.Version} ({identity.Length:N0} bytes): {plan.Reason}"))
            {
                if (MyInvocation.BoundParameters.ContainsKey("WhatIf"))
                {
                    WriteObject(plan.WhatIf());
                }
                return;
            }
            WriteObject(RunWithProgress(plan, options, messages));
        }
        catch (SpsPluginException failure)
        {
            Flush(messages);
            WriteError(ErrorRecords.From(failure, session.Appliance));
            WriteObject(SpsPluginPublishResult.Failed(session.Appliance, source.Identity, failure, clock.Elapsed));
        }
    }

    // The upload runs on a worker thread while this (the pipeline) thread writes its progress and verbose
    // messages: PowerShell accepts Write-Progress and Write-Verbose only from the pipeline thread.
    private SpsPluginPublishResult RunWithProgress(SpsPluginPublishPlan plan, SpsPluginPublishOptions options, ConcurrentQueue<string> messages)
    {
        var sent = new SentBytes();
        var total = plan.Source.Identity.Length ?? 0;
        var work = Task.Run(() => SpsPluginPublisher.Run(plan, options, sent));
        var record = new ProgressRecord(3, Activity, $"{plan.Session.Appliance}: {plan.Source.Identity.Name}");
        while (!((IAsyncResult)work).AsyncWaitHandle.WaitOne(200))
        {
            Flush(messages);
            record.PercentComplete = total == 0 ? 0 : (int)Math.Min(100, sent.Value * 100 / total);
            record.StatusDescription = $"{plan.Session.Appliance}: {sent.Value:N0} of {total:N0} bytes";
            WriteProgress(record);
        }
        Flush(messages);
        record.RecordType = ProgressRecordType.Completed;
        WriteProgress(record);
        try
        {
            return work.GetAwaiter().GetResult();
        }
        finally
        {
            Flush(messages);
        }
    }

    private void Flush(ConcurrentQueue<string> messages)
    {
        while (messages.TryDequeue(out var message))
        {
            WriteVerbose(message);
        }
    }

    private sealed class SentBytes : IProgress<long>
    {
        private long value;

        public long Value => Interlocked.Read(ref value);

        public void Report(long sent) => Interlocked.Exchange(ref value, sent);
    }
}
