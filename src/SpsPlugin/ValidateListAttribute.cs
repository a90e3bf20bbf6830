using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace SpsPlugin;

/// <summary>
/// ValidateSet for lists (each element of an array) that live in Core's vocabulary (attribute arguments must be constants, and SPS
/// words are spelled only there): a value outside the list fails parameter binding, naming the known ones.
/// </summary>
public abstract class ValidateListAttribute : ValidateEnumeratedArgumentsAttribute
{
    private readonly IReadOnlyList<string> known;
    private readonly string what;

    /// <summary>Accepts the <paramref name="known"/> values, ignoring case; <paramref name="what"/> names them in the message.</summary>
    protected ValidateListAttribute(IReadOnlyList<string> known, string what)
    {
        this.known = known;
        this.what = what;
    }

    /// <inheritdoc />
    protected override void ValidateElement(object element)
    {
        var text = element is PSObject wrapped ? wrapped.BaseObject?.ToString() : element?.ToString();
        if (!known.Any(k => string.Equals(k, text, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ValidationMetadataException($"'{text}' is not {what}. Use one of: {string.Join(", ", known)}.");
        }
    }
}

/// <summary>Accepts the plugin types SPS knows (MANIFEST spelling).</summary>
public sealed class ValidatePluginTypeAttribute : ValidateListAttribute
{
    /// <summary>Creates the attribute.</summary>
    public ValidatePluginTypeAttribute()
        : base(SpsPluginType.Known.Select(t => t.Name).ToArray(), "a plugin type SPS knows")
    {
    }
}

/// <summary>Accepts the operations of SPS's plugin integrity check.</summary>
public sealed class ValidateIntegrityOperationAttribute : ValidateListAttribute
{
    /// <summary>Creates the attribute.</summary>
    public ValidateIntegrityOperationAttribute()
        : base(SpsIntegrityOperation.All, "an operation of SPS's integrity check")
    {
    }
}
