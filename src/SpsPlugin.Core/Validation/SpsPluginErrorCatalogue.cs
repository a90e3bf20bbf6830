using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// Every id an error record of the module can carry, with its kind and recommended action: the
/// failures (<see cref="SpsPluginErrorId.All"/>), then the validation rules
/// (<see cref="SpsPluginValidator.Catalogue"/>) whose ids are not failures already. A rule's finding
/// becomes an error record when it is the reason for a failure: Compress-SpsPluginBundle writes one
/// per validation error, Expand-SpsPluginBundle one for the first hazard, each with the failure
/// (PackValidationFailed, ExpandRefused) as the exception's InnerException.
/// </summary>
/// <remarks>
/// It lives beside the rules rather than in Diagnostics because it needs the rule catalogue, and
/// Diagnostics is what every other folder builds on. The one family is HookFailed: its records are
/// named <c>HookFailed.&lt;kind&gt;</c>.
/// </remarks>
public static class SpsPluginErrorCatalogue
{
    /// <summary>Every id: the failures in table order, then the rule ids in catalogue order.</summary>
    /// <remarks>A rule whose id is a failure's (ManifestSyntaxError) has that very entry, so it is listed once.</remarks>
    public static IReadOnlyList<SpsPluginErrorId> All { get; } =
        SpsPluginErrorId.All.Concat(SpsPluginValidator.Catalogue.Select(r => r.ErrorId).Where(e => !SpsPluginErrorId.All.Contains(e))).ToArray();

    private static readonly Dictionary<string, SpsPluginErrorId> ById = All.ToDictionary(e => e.Id, StringComparer.Ordinal);

    /// <summary>The entry for <paramref name="id"/>, a failure id or a rule id.</summary>
    /// <exception cref="ArgumentException">No table holds the id: a finding was made with an id nobody declared.</exception>
    public static SpsPluginErrorId Get(string id) =>
        ById.TryGetValue(id, out var entry)
            ? entry
            : throw new ArgumentException($"'{id}' is neither an SpsPluginErrorId nor a validation rule id; declare it in one of them.", nameof(id));
}
