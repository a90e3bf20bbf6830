using System;
using System.Collections;
using System.IO;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>Calls any endpoint of the appliance's REST API over a session: the escape hatch for what the module does not wrap.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "SpsPluginRestMethod", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PSObject), typeof(SpsApplianceResponse))]
public sealed class InvokeSpsPluginRestMethodCommand : ApplianceCmdletBase
{
    /// <summary>The HTTP method.</summary>
    [Parameter(Position = 1)]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
    public string Method { get; set; } = "GET";

    /// <summary>The path under /api/, e.g. configuration/plugins or /api/transaction.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Href")]
    [ValidateNotNullOrEmpty]
    public string RelativeUrl { get; set; } = string.Empty;

    /// <summary>The body: a hashtable or object (sent as JSON), a string (sent as is) or bytes.</summary>
    [Parameter]
    public object? Body { get; set; }

    /// <summary>Query parameters; an array value repeats the parameter.</summary>
    [Parameter]
    public IDictionary? Query { get; set; }

    /// <summary>A file whose bytes are the body.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? InFile { get; set; }

    /// <summary>A file to write the answer's body to.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>Replace an existing -OutFile.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The body's media type (default application/json; application/octet-stream for -InFile).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ContentType { get; set; }

    /// <summary>How long the call may take, in seconds; the session's timeout when omitted.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; }

    /// <summary>Write the whole answer (status, headers, text, body) instead of the body.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var session = ResolveSession();
        FileStream? input = null;
        try
        {
            var request = new SpsApplianceRequest(Method.ToUpperInvariant(), RelativeUrl)
            {
                ContentType = ContentType,
                Timeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : null,
                OutFile = OutFile == null ? null : WritableOutFile(ResolveFileSystemPath(OutFile, nameof(OutFile))),
                OverwriteOutFile = Force,
            };
            foreach (DictionaryEntry entry in Query ?? new Hashtable())
            {
                request.Query[entry.Key.ToString() ?? string.Empty] = PlainJson.ToPlain(entry.Value);
            }
            // Everything that can be refused is refused before the call (and before -WhatIf answers), so a
            // change is not made for an answer that cannot be kept, nor a cookie sent outside /api/.
            var shown = request.Check();
            var inFile = InFile == null ? null : ReadableInFile(ResolveFileSystemPath(InFile, nameof(InFile)));
            if (request.Method != "GET" && !ShouldProcess($"{session.Appliance}: {shown}", request.Method))
            {
                return;
            }
            if (inFile != null)
            {
                input = Open(inFile);
                request.Body = input;
            }
            else
            {
                request.Body = Body is PSObject { BaseObject: string or byte[] } wrapped ? wrapped.BaseObject : PlainJson.ToPlain(Body);
            }
            var response = session.Invoke(request);
            WriteVerbose($"{response.Method} {response.Url}: {response.StatusCode}");
            if (Raw)
            {
                WriteObject(response);
            }
            else if (response.OutFile == null)
            {
                WriteObject(response.Body != null ? PlainJson.ToPowerShell(response.Body) : response.Text, enumerateCollection: false);
            }
        }
        catch (SpsPluginException failure)
        {
            WriteError(ErrorRecords.From(failure, failure.Path ?? session.Appliance));
        }
        finally
        {
            input?.Dispose();
        }
    }

    private string WritableOutFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new SpsPluginException(SpsPluginErrorId.WriteFailed, $"-OutFile '{path}' is a folder; give the path of a file to write the answer to.", path);
        }
        if (!Force && File.Exists(path))
        {
            throw new SpsPluginException(SpsPluginErrorId.FileExists, $"-OutFile '{path}' already exists; use -Force to replace it.", path);
        }
        return path;
    }

    private static string ReadableInFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new SpsPluginException(SpsPluginErrorId.ReadFailed, $"-InFile '{path}' is a folder; give the path of the file whose bytes are the body.", path);
        }
        if (!File.Exists(path))
        {
            throw new SpsPluginException(SpsPluginErrorId.PathNotFound, $"-InFile '{path}' does not exist.", path);
        }
        return path;
    }

    private static FileStream Open(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
        {
            throw new SpsPluginException(SpsPluginErrorId.ReadFailed, $"-InFile '{path}' cannot be read: {failure.Message}", path);
        }
    }
}
