using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SpsPlugin.Completers;

namespace SpsPlugin.Commands;

/// <summary>
/// Makes a plugin project from a template that already passes Test-SpsPluginBundle, packs with
/// Compress-SpsPluginBundle and runs in Invoke-SpsPluginScenario. Asks (ShouldProcess) per file;
/// a re-run reports each file as Created, Identical or Conflict and replaces nothing without -Force,
/// which keeps a .bak copy of every file it replaces.
/// </summary>
[Cmdlet(VerbsCommon.New, "SpsPlugin", SupportsShouldProcess = true, DefaultParameterSetName = BuiltInSet)]
[OutputType(typeof(SpsPluginScaffoldResult))]
public sealed class NewSpsPluginCommand : SpsPluginCmdletBase
{
    private const string BuiltInSet = "BuiltIn";
    private const string FolderSet = "TemplatePath";

    #region Parameters

    /// <summary>The plugin name: MANIFEST name, project folder and Python package.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>The built-in template.</summary>
    [Parameter(Position = 1, ParameterSetName = BuiltInSet)]
    [ArgumentCompleter(typeof(TemplateCompleter))]
    [ValidateNotNullOrEmpty]
    public string Template { get; set; } = "aa-minimal";

    /// <summary>A custom template folder instead of a built-in template.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FolderSet)]
    [ValidateNotNullOrEmpty]
    public string? TemplatePath { get; set; }

    /// <summary>The folder the project folder is created in.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The SPS release the plugin targets.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ReleaseCompleter))]
    [ValidateNotNullOrEmpty]
    public string? TargetSpsVersion { get; set; }

    /// <summary>The MANIFEST description.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Description { get; set; }

    /// <summary>The MANIFEST author_name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Author { get; set; }

    /// <summary>The MANIFEST author_email.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AuthorEmail { get; set; }

    /// <summary>Replace files that differ from the template, keeping a .bak copy of each.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    #endregion

    private SpsPluginTemplate? _template;
    private SpsRelease? _release;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        _release = ResolveRelease(TargetSpsVersion) ?? SpsRelease.Newest;
        try
        {
            _template = TemplatePath != null ? SpsPluginTemplate.Load(ResolveFileSystemPath(TemplatePath, "TemplatePath")) : SpsPluginTemplate.Find(Template);
        }
        catch (SpsPluginException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e));
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // Not "." resolved by the provider: under Env: or a registry drive that would be no folder at all.
        var parent = Path != null ? ResolveFileSystemPath(Path, "Path") : SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        foreach (var name in Name)
        {
            var options = new SpsPluginScaffoldOptions
            {
                Name = name,
                Template = _template!,
                ParentPath = parent,
                Release = _release!,
                Description = Description,
                Author = Author,
                AuthorEmail = AuthorEmail,
            };
            try
            {
                Scaffold(options);
            }
            catch (SpsPluginException e)
            {
                WriteFailure(e);
            }
        }
    }

    private void Scaffold(SpsPluginScaffoldOptions options)
    {
        var files = SpsPluginScaffolder.Plan(options);
        if (SpsPluginScaffolder.ReleaseWarning(options) is string warning)
        {
            WriteWarning(warning);
        }
        foreach (var file in files)
        {
            switch (file.Status)
            {
                case SpsPluginScaffoldStatus.Identical:
                    WriteVerbose($"Identical: {file.FullPath}");
                    break;
                case SpsPluginScaffoldStatus.Created:
                    WriteIfApproved(file, "Create file");
                    break;
                case SpsPluginScaffoldStatus.Conflict when Force:
                    WriteIfApproved(file, "Replace file (the old one is kept as .bak)");
                    break;
            }
        }
        var result = SpsPluginScaffolder.Result(options, files);
        if (result.Conflicts.Count > 0)
        {
            WriteError(ErrorRecords.From(new SpsPluginException(SpsPluginErrorId.FileExists,
                $"{result.Conflicts.Count} file(s) of {result.Path} differ from the template and were left alone: {string.Join(", ", result.Conflicts)}. " +
                "Use -Force to replace them (a .bak copy of each is kept).", result.Path)));
        }
        WriteObject(result);
    }

    private void WriteIfApproved(SpsPluginScaffoldFile file, string action)
    {
        if (ShouldProcess(file.FullPath, action))
        {
            try
            {
                SpsPluginScaffolder.Write(file, Force);
                WriteVerbose($"{file.Status}: {file.FullPath}" + (file.BackupPath != null ? $" (backup {file.BackupPath})" : string.Empty));
            }
            catch (SpsPluginException e)
            {
                // One file that cannot be written does not stop the others; the result lists it as Failed.
                WriteFailure(e);
            }
        }
        else
        {
            SpsPluginScaffolder.Skip(file);
        }
    }
}
