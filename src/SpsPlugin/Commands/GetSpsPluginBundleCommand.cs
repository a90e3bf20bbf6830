using System.Management.Automation;
using SpsPlugin.Completers;

namespace SpsPlugin.Commands;

/// <summary>
/// Describes a plugin folder or zip: its entries, sizes, SHA-256 and MANIFEST. A zip is read from
/// its central directory only: nothing is extracted and the archive is never loaded whole.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SpsPluginBundle", DefaultParameterSetName = PathSet)]
[OutputType(typeof(SpsPluginBundle))]
[OutputType(typeof(SpsPluginBundleEntry))]
[OutputType(typeof(string))]
public sealed class GetSpsPluginBundleCommand : PathCmdletBase
{
    /// <summary>Output the bundle's entries whose paths match (wildcards) instead of the bundle.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(BundleEntryCompleter))]
    public string[]? Entry { get; set; }

    /// <summary>Output the lines of one entry (UTF-8), read without extracting.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(BundleEntryCompleter))]
    public string? Read { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (Entry != null && Read != null)
        {
            Stop(SpsPluginErrorId.EntryAndRead, "Use -Entry to list entries or -Read to read one, not both.");
        }
    }

    /// <inheritdoc />
    // Null: a Get-* cmdlet only reads, so like Get-Item it answers a pattern that matches nothing with nothing.
    protected override string? NothingDone => null;

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        var bundle = SpsPluginBundle.Open(path);
        if (Entry != null)
        {
            var patterns = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(Entry, p => new WildcardPattern(p, WildcardOptions.None)));
            foreach (var entry in bundle.Entries)
            {
                if (System.Linq.Enumerable.Any(patterns, p => p.IsMatch(entry.Path)))
                {
                    WriteObject(entry);
                }
            }
            return;
        }
        if (Read != null)
        {
            // Like Get-Content: UTF-8, one string per line, line ends (LF or CRLF) removed.
            var text = System.Text.Encoding.UTF8.GetString(bundle.ReadEntry(Read.Replace('\\', '/'), SpsPluginBundle.MaxReadBytes));
            var lines = System.Text.RegularExpressions.Regex.Split(text, "\r?\n");
            WriteObject(text.EndsWith("\n", System.StringComparison.Ordinal) ? System.Linq.Enumerable.Take(lines, lines.Length - 1) : lines, enumerateCollection: true);
            return;
        }
        // The bundle is described even when its MANIFEST is missing or broken (seeing the entries
        // is how one finds a wrapping folder), but the problem is still reported as an error.
        WriteObject(bundle);
        if (bundle.Manifest == null)
        {
            WriteFailure(bundle.MissingManifestError());
        }
        else
        {
            WriteDiagnosticErrors(bundle.Manifest.Diagnostics);
        }
    }
}
