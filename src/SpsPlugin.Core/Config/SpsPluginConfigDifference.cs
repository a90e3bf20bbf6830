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

/// <summary>One enabled option compared between a reference and a difference configuration.</summary>
public sealed class SpsPluginConfigDifference
{
    /// <summary>What is shown instead of a secret value.</summary>
    public const string Mask = SecretMask.Text;

    internal SpsPluginConfigDifference(string section, string name, SpsPluginConfigChange change,
        string? referenceValue, string? differenceValue, bool isSecret, int? referenceLine, int? differenceLine)
    {
        Section = section;
        Name = name;
        Change = change;
        ReferenceValue = referenceValue;
        DifferenceValue = differenceValue;
        IsSecret = isSecret;
        ReferenceLine = referenceLine;
        DifferenceLine = differenceLine;
    }

    /// <summary>The section.</summary>
    public string Section { get; }

    /// <summary>The option name (lower-cased, as configparser keys it).</summary>
    public string Name { get; }

    /// <summary>Added, Removed, Changed or Equal.</summary>
    public SpsPluginConfigChange Change { get; }

    /// <summary>The value in the reference; null when absent; masked when secret.</summary>
    public string? ReferenceValue { get; }

    /// <summary>The value in the difference; null when absent; masked when secret.</summary>
    public string? DifferenceValue { get; }

    /// <summary>True when the name looks secret or either side is a <c>$</c> reference: values are masked unless asked for.</summary>
    public bool IsSecret { get; }

    /// <summary>Line in the reference.</summary>
    public int? ReferenceLine { get; }

    /// <summary>Line in the difference.</summary>
    public int? DifferenceLine { get; }

    /// <summary>
    /// Compares the enabled options of two configurations, section by section in the reference's
    /// order, then what only the difference has. Secret values are shown as <see cref="Mask"/> (a
    /// <c>$</c> reference stays visible: it is not the secret) unless <paramref name="showSecrets"/>.
    /// </summary>
    public static IReadOnlyList<SpsPluginConfigDifference> Compare(SpsPluginConfig reference, SpsPluginConfig difference, bool includeEqual, bool showSecrets)
    {
        var results = new List<SpsPluginConfigDifference>();
        var seen = new HashSet<(string, string)>();
        foreach (var left in reference.Options)
        {
            if (!seen.Add((left.Section, left.Name)))
            {
                continue;
            }
            var right = difference.Options.FirstOrDefault(o => o.Section == left.Section && o.Name == left.Name);
            var change = right == null ? SpsPluginConfigChange.Removed
                : string.Equals(left.Value, right.Value, StringComparison.Ordinal) ? SpsPluginConfigChange.Equal
                : SpsPluginConfigChange.Changed;
            if (change != SpsPluginConfigChange.Equal || includeEqual)
            {
                results.Add(Create(left.Section, left.Name, change, left, right, showSecrets));
            }
        }
        foreach (var right in difference.Options.Where(o => seen.Add((o.Section, o.Name))))
        {
            results.Add(Create(right.Section, right.Name, SpsPluginConfigChange.Added, null, right, showSecrets));
        }
        return results;
    }

    private static SpsPluginConfigDifference Create(string section, string name, SpsPluginConfigChange change,
        SpsPluginConfigOption? left, SpsPluginConfigOption? right, bool showSecrets)
    {
        var secret = (left?.IsSecretName ?? right!.IsSecretName) || left?.IsSecretReference == true || right?.IsSecretReference == true;
        string? Show(SpsPluginConfigOption? option) =>
            option == null ? null : !secret || showSecrets || option.IsSecretReference ? option.Value : Mask;
        return new SpsPluginConfigDifference(section, name, change, Show(left), Show(right), secret, left?.Line, right?.Line);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Change} [{Section}] {Name}";
}
