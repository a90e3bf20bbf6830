using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin.Completers;

/// <summary>Completes -Hook with the hooks SPS calls (AA and credential store).</summary>
public sealed class HookCompleter : ListCompleter
{
    internal static readonly string[] Hooks =
    {
        "authenticate", "authorize", "session_ended", "get_password_list", "get_private_key_list", "authentication_completed",
    };

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Candidates() =>
        Hooks.Select(h => new KeyValuePair<string, string>(h, h));
}
