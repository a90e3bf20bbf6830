using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SpsPlugin.Completers;

namespace SpsPlugin.Commands;

/// <summary>
/// Edits policy configuration files (or configuration objects): sets options (enabling a commented
/// template option in place), comments options out, removes sections. Files are written
/// atomically and only the lines an edit touches change. An object read from a file writes that
/// file, as a path does; an object from text or a plugin's default.cfg is edited in memory and written to the pipeline.
/// </summary>
[Cmdlet(VerbsCommon.Set, "SpsPluginConfig", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(SpsPluginConfig))]
public sealed class SetSpsPluginConfigCommand : PathCmdletBase
{
    private const string InputObjectSet = "InputObject";

    private readonly List<ConfigEdit> _edits = new();
    private SpsPluginConfig? _reference;
    private bool _valueOnCommandLine;

    #region Parameters

    /// <summary>
    /// A configuration object: one read from a .cfg file writes that file; one from text, a plugin's
    /// default.cfg or a snapshot (Import-Clixml, ConvertFrom-Json: edited from the Text it carries) is
    /// edited in memory and the copy written to the pipeline.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ConfigSnapshotTransformation]
    public SpsPluginConfig? InputObject { get; set; }

    /// <summary>The section, qualifier included (e.g. 'whitelist source=user_list'); binds a piped object's Section (a CSV column, an option object).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ConfigSectionCompleter))]
    public string? Section { get; set; }

    /// <summary>The option to set or disable; binds a piped object's Name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ConfigOptionCompleter))]
    public string? Name { get; set; }

    /// <summary>The value for -Name, or a hashtable of many values; binds a piped object's Value.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public object? Value { get; set; }

    /// <summary>Comment the option -Name out instead of setting it.</summary>
    [Parameter]
    public SwitchParameter Disable { get; set; }

    /// <summary>Sections to remove, with their options and comments.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ConfigSectionCompleter))]
    public string[]? RemoveSection { get; set; }

    /// <summary>Write the edited configuration to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Refuse (with ConfigNameSuspicious) new sections and options that look like typos, instead of warning.</summary>
    [Parameter]
    public SwitchParameter Strict { get; set; }

    /// <summary>The plugin's default.cfg (or plugin folder or zip): a new section or option it does not know is suspicious.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Reference { get; set; }

    #endregion

    #region Overrides

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        _valueOnCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(Value));
        if (Reference != null)
        {
            _reference = ResolveConfigOrStop(Reference, nameof(Reference));
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // -Section, -Name and -Value may come from each piped object (a CSV row, an option), so the
        // edits are planned per record.
        try
        {
            PlanEdits();
        }
        catch (ArgumentException error)
        {
            Stop(SpsPluginErrorId.InvalidConfigEdit, error.Message);
        }
        catch (SpsPluginException failure)
        {
            ThrowTerminatingError(ErrorRecords.From(failure));
        }
        if (ParameterSetName == InputObjectSet)
        {
            try
            {
                EditObject(InputObject!);
            }
            catch (SpsPluginException failure)
            {
                WriteFailure(failure);
            }
            return;
        }
        base.ProcessRecord();
    }

    /// <inheritdoc />
    protected override string? NothingDone => "nothing was edited";

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        if (SpsPluginBundle.IsZipFile(path))
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigEditRejected,
                $"'{path}' is a zip; SpsPlugin does not edit inside zips. Edit the plugin's source folder (or a copy of default.cfg) and pack it again.", path);
        }
        // A plugin folder means its default.cfg.
        var file = Directory.Exists(path) ? System.IO.Path.Combine(path, "default.cfg") : path;
        EditFile(SpsPluginConfig.Load(file), file);
    }

    #endregion

    #region Private methods

    private void EditObject(SpsPluginConfig config)
    {
        var file = config.SourceFile;
        if (file != null)
        {
            EditFile(config, file);
            return;
        }
        var (edited, changes) = Apply(config);
        // Text and a plugin's default.cfg have no file to write: -WhatIf and -Confirm say so, and the copy is the result.
        if (ShouldProcess($"{config} (in memory: no file is written; the edited copy goes to the pipeline)", changes))
        {
            WriteObject(edited);
        }
    }

    private void EditFile(SpsPluginConfig original, string file)
    {
        var (edited, changes) = Apply(original);
        var result = edited;
        if (edited.Text == original.Text)
        {
            WriteVerbose($"{file}: already as requested; nothing to write.");
        }
        else if (ShouldProcess(file, changes))
        {
            if (!original.IsReadable)
            {
                WriteWarning($"{file}: this edit repairs the file: '{original.Diagnostics[0].Message}' no longer applies (later duplicate options are commented out with '; ', duplicate sections removed).");
            }
            // An object read earlier must not undo what changed the file since: SaveToSource checks.
            result = edited.SaveToSource(force: false);
        }
        if (PassThru)
        {
            WriteObject(result);
        }
    }

    /// <summary>The edited copy and what the edits do; suspicious new names warn, or fail under -Strict.</summary>
    private (SpsPluginConfig Edited, string Changes) Apply(SpsPluginConfig config)
    {
        var changes = new List<string>();
        foreach (var edit in _edits)
        {
            foreach (var suspicion in edit.Suspicions(config, _reference))
            {
                if (Strict)
                {
                    throw new SpsPluginException(SpsPluginErrorId.ConfigNameSuspicious,
                        $"{config}: {suspicion.Message} Nothing was written (-Strict). Fix: {suspicion.SuggestedFix}.", config.SourceFile ?? config.Path);
                }
                WriteWarning(suspicion.ToString());
            }
            changes.Add(edit.Describe(config));
            config = edit.Apply(config);
        }
        return (config, string.Join("; ", changes));
    }

    private void PlanEdits()
    {
        _edits.Clear();
        foreach (var section in RemoveSection ?? Array.Empty<string>())
        {
            _edits.Add(new ConfigEdit(c => c.RemoveSection(section), _ => $"remove the section [{section}]", (_, _) => Array.Empty<SpsPluginDiagnostic>()));
        }
        // A piped option object carries its Value; -Disable comments the option out and does not use it.
        var values = Disable && !_valueOnCommandLine ? null : ConfigValues.Unwrap(Value);
        if (Disable)
        {
            if (Section == null || Name == null || values != null)
            {
                throw new ArgumentException("-Disable needs -Section and -Name, and no -Value.");
            }
            var (section, name) = (Section, Name);
            _edits.Add(new ConfigEdit(c => c.Disable(section, name), _ => $"comment out [{section}] {name}", (_, _) => Array.Empty<SpsPluginDiagnostic>()));
        }
        else if (values is IDictionary many)
        {
            if (Name != null)
            {
                throw new ArgumentException("With a hashtable -Value, leave out -Name: the hashtable names the options.");
            }
            foreach (var item in ConfigValues.Flatten(many, Section))
            {
                AddSet(item.Key, item.Value.Key, item.Value.Value);
            }
        }
        else if (Name != null || Section != null)
        {
            if (Section == null || Name == null || Value == null)
            {
                throw new ArgumentException("To set one option give -Section, -Name and -Value (or -Disable to comment it out).");
            }
            AddSet(Section, Name, values);
        }
        if (_edits.Count == 0)
        {
            throw new ArgumentException("Say what to change: -Section, -Name and -Value; a hashtable -Value; -Disable; or -RemoveSection.");
        }
    }

    private void AddSet(string section, string name, object? given)
    {
        var value = ConfigValues.ToPlain(given);
        // A value with no configuration form stops here; whether an array fits depends on the file.
        ConfigValueText.Preview(value, section, name);
        // Never show a secret in a -WhatIf or -Confirm message: a SecureString, or a value of a secret-looking option.
        var secret = ConfigValues.HoldsSecureString(given);
        _edits.Add(new ConfigEdit(
            c => c.Set(section, name, ConfigValueText.ForOption(value, section, name, c)),
            c => c.DescribeSet(section, name, ConfigValueText.ForOption(value, section, name, c), secret),
            (c, reference) => c.NameSuspicions(section, name, reference)));
    }

    /// <summary>One planned edit: what it does, how -WhatIf describes it against the configuration at hand, which new names look like typos.</summary>
    private sealed class ConfigEdit
    {
        public ConfigEdit(Func<SpsPluginConfig, SpsPluginConfig> apply, Func<SpsPluginConfig, string> describe,
            Func<SpsPluginConfig, SpsPluginConfig?, IReadOnlyList<SpsPluginDiagnostic>> suspicions)
        {
            Apply = apply;
            Describe = describe;
            Suspicions = suspicions;
        }

        public Func<SpsPluginConfig, SpsPluginConfig> Apply { get; }

        public Func<SpsPluginConfig, string> Describe { get; }

        public Func<SpsPluginConfig, SpsPluginConfig?, IReadOnlyList<SpsPluginDiagnostic>> Suspicions { get; }
    }

    #endregion
}
