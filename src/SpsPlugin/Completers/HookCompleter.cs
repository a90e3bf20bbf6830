using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin.Completers;

/// <summary>Completes -Hook with the hooks SPS calls (<see cref="SpsHooks"/>); the tooltip shows each plugin type's signature.</summary>
public sealed class HookCompleter : ListCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Candidates() =>
        SpsHooks.Names.Select(name => new KeyValuePair<string, string>(name, string.Join("; ", SpsHooks.All.Where(h => h.Name == name))));
}
