using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Edits policy configuration files (or configuration objects): sets options (enabling a commented
/// template option in place), comments options out, removes sections. Files are written
/// atomically and only the lines an edit touches change.
/// </summary>
[Cmdlet(VerbsCommon.Set, "SpsPluginConfig", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(SpsPluginConfig))]
public sealed class SetSpsPluginConfigCommand : PathCmdletBase
{
    private const string InputObjectSet = "InputObject";

    private readonly List<Func<SpsPluginConfig, SpsPluginConfig>> _edits = new();
    private readonly List<string> _descriptions = new();

    #region Parameters

    /// <summary>A configuration object to edit in memory; the edited copy is written to the pipeline.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public SpsPluginConfig? InputObject { get; set; }

    /// <summary>The section, qualifier included (e.g. 'whitelist source=user_list').</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Section { get; set; }

    /// <summary>The option to set or disable.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The value for -Name, or a hashtable of many values.</summary>
    [Parameter]
    [AllowEmptyString]
    public object? Value { get; set; }

    /// <summary>Comment the option -Name out instead of setting it.</summary>
    [Parameter]
    public SwitchParameter Disable { get; set; }

    /// <summary>Sections to remove, with their options and comments.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveSection { get; set; }

    /// <summary>Write the edited configuration to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    #endregion

    #region Overrides

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        try
        {
            PlanEdits();
        }
        catch (ArgumentException error)
        {
            Stop(SpsPluginErrorId.InvalidConfigEdit, error.Message);
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            try
            {
                WriteObject(Apply(InputObject!));
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
    protected override void ProcessPath(string path)
    {
        if (SpsPluginBundle.IsZipFile(path))
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigEditRejected,
                $"'{path}' is a zip; SpsPlugin does not edit inside zips. Edit the plugin's source folder (or a copy of default.cfg) and pack it again.", path);
        }
        // A plugin folder means its default.cfg.
        var file = Directory.Exists(path) ? System.IO.Path.Combine(path, "default.cfg") : path;
        var original = SpsPluginConfig.Load(file);
        var edited = Apply(original);
        if (edited.Text == original.Text)
        {
            WriteVerbose($"{file}: already as requested; nothing to write.");
        }
        else if (ShouldProcess(file, string.Join("; ", _descriptions)))
        {
            edited.Save(file, overwrite: true);
        }
        if (PassThru)
        {
            WriteObject(edited);
        }
    }

    #endregion

    #region Private methods

    private SpsPluginConfig Apply(SpsPluginConfig config) => _edits.Aggregate(config, (current, edit) => edit(current));

    private void PlanEdits()
    {
        foreach (var section in RemoveSection ?? Array.Empty<string>())
        {
            _edits.Add(c => c.RemoveSection(section));
            _descriptions.Add($"remove [{section}]");
        }
        var values = ConfigValues.Unwrap(Value);
        if (Disable)
        {
            if (Section == null || Name == null || values != null)
            {
                throw new ArgumentException("-Disable needs -Section and -Name, and no -Value.");
            }
            var (section, name) = (Section, Name);
            _edits.Add(c => c.Disable(section, name));
            _descriptions.Add($"disable [{section}] {name}");
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
            AddSet(Section, Name, ConfigValues.ToText(values));
        }
        if (_edits.Count == 0)
        {
            throw new ArgumentException("Say what to change: -Section, -Name and -Value; a hashtable -Value; -Disable; or -RemoveSection.");
        }
    }

    private void AddSet(string section, string name, string value)
    {
        _edits.Add(c => c.Set(section, name, value));
        // Never show a secret in a -WhatIf or -Confirm message.
        var shown = SpsPluginConfigOption.IsSecretValue(name, value) ? SecretMask.Text : value;
        _descriptions.Add($"set [{section}] {name}={shown}");
    }

    #endregion
}
