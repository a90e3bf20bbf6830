using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>How an option differs between two configurations.</summary>
public enum SpsPluginConfigChange
{
    /// <summary>Only in the difference configuration.</summary>
    Added,

    /// <summary>Only in the reference configuration.</summary>
    Removed,

    /// <summary>In both, with different values.</summary>
    Changed,

    /// <summary>In both, with the same value.</summary>
    Equal,
}

/// <summary>
/// One enabled option compared between a reference and a difference configuration, with the files
/// both came from. The values are the real ones (an export loses nothing); the table view shows a
/// secret as <see cref="Mask"/> unless the comparison was asked to show secrets.
/// </summary>
public sealed class SpsPluginConfigDifference
{
    /// <summary>What is shown instead of a secret value.</summary>
    public const string Mask = SecretMask.Text;

    private SpsPluginConfigDifference(SpsPluginConfig reference, SpsPluginConfig difference, SpsPluginConfigChange change,
        SpsPluginConfigOption? left, SpsPluginConfigOption? right, bool showSecrets)
    {
        var option = (left ?? right)!;
        Section = option.Section;
        Name = option.Name;
        Change = change;
        ReferenceValue = left?.Value;
        DifferenceValue = right?.Value;
        IsSecret = left?.IsSecret == true || right?.IsSecret == true;
        ShowSecrets = showSecrets;
        ReferenceLine = left?.Line;
        DifferenceLine = right?.Line;
        ReferencePath = reference.Path;
        DifferencePath = difference.Path;
        DisplayReferenceValue = Display(left);
        DisplayDifferenceValue = Display(right);
    }

    /// <summary>The section.</summary>
    public string Section { get; }

    /// <summary>The option name (lower-cased, as configparser keys it).</summary>
    public string Name { get; }

    /// <summary>Added, Removed, Changed or Equal.</summary>
    public SpsPluginConfigChange Change { get; }

    /// <summary>The value in the reference; null when absent.</summary>
    public string? ReferenceValue { get; }

    /// <summary>The value in the difference; null when absent.</summary>
    public string? DifferenceValue { get; }

    /// <summary>True when either side is a secret (a literal in an option that holds secrets; never a <c>$</c> reference, yes/no or a number).</summary>
    public bool IsSecret { get; }

    /// <summary>True when the comparison was asked to show secrets (-ShowSecrets): the view then shows them.</summary>
    public bool ShowSecrets { get; }

    /// <summary>The reference value as the view shows it: <see cref="Mask"/> for a secret unless <see cref="ShowSecrets"/>.</summary>
    public string? DisplayReferenceValue { get; }

    /// <summary>The difference value as the view shows it: <see cref="Mask"/> for a secret unless <see cref="ShowSecrets"/>.</summary>
    public string? DisplayDifferenceValue { get; }

    /// <summary>Line in the reference.</summary>
    public int? ReferenceLine { get; }

    /// <summary>Line in the difference.</summary>
    public int? DifferenceLine { get; }

    /// <summary>The file, folder or zip the reference was read from; null for text.</summary>
    public string? ReferencePath { get; }

    /// <summary>The file, folder or zip the difference was read from; null for text.</summary>
    public string? DifferencePath { get; }

    /// <summary>
    /// Compares the enabled options of two configurations, section by section in the reference's
    /// order, then what only the difference has. <paramref name="showSecrets"/> says whether the
    /// view shows secret values or <see cref="Mask"/>.
    /// </summary>
    public static IReadOnlyList<SpsPluginConfigDifference> Compare(SpsPluginConfig reference, SpsPluginConfig difference, bool includeEqual, bool showSecrets)
    {
        var results = new List<SpsPluginConfigDifference>();
        var seen = new HashSet<(string, string)>();
        // The first of each (section, name) of the difference, looked up once per reference option:
        // a scan per option made a file of 40,000 options take 1.6 billion comparisons.
        var differenceOptions = new Dictionary<(string, string), SpsPluginConfigOption>();
        foreach (var option in difference.Options)
        {
            if (!differenceOptions.ContainsKey((option.Section, option.Name)))
            {
                differenceOptions.Add((option.Section, option.Name), option);
            }
        }
        foreach (var left in reference.Options)
        {
            if (!seen.Add((left.Section, left.Name)))
            {
                continue;
            }
            differenceOptions.TryGetValue((left.Section, left.Name), out var right);
            var change = right == null ? SpsPluginConfigChange.Removed
                : string.Equals(left.Value, right.Value, StringComparison.Ordinal) ? SpsPluginConfigChange.Equal
                : SpsPluginConfigChange.Changed;
            if (change != SpsPluginConfigChange.Equal || includeEqual)
            {
                results.Add(new SpsPluginConfigDifference(reference, difference, change, left, right, showSecrets));
            }
        }
        foreach (var right in difference.Options.Where(o => seen.Add((o.Section, o.Name))))
        {
            results.Add(new SpsPluginConfigDifference(reference, difference, SpsPluginConfigChange.Added, null, right, showSecrets));
        }
        return results;
    }

    private string? Display(SpsPluginConfigOption? option) =>
        option == null ? null : option.IsSecret && !ShowSecrets ? Mask : option.Value;

    /// <summary>The change and the option, with the file when the difference came from one; never a value (it may be a secret).</summary>
    public override string ToString() =>
        $"{Change} [{Section}] {Name}" + (DifferencePath == null ? string.Empty : $" ({DifferencePath})");
}
