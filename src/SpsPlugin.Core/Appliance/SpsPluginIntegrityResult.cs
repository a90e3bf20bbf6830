using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>The integrity check of one installed plugin (GET /api/plugin/integrity, reference §7).</summary>
public sealed class SpsPluginIntegrityResult
{
    private SpsPluginIntegrityResult(SpsInstalledPlugin plugin, IReadOnlyList<SpsPluginIntegrityCheck> checks)
    {
        Session = plugin.Session;
        Appliance = plugin.Appliance;
        Name = plugin.Name;
        Type = plugin.Type;
        Key = plugin.Key;
        Checks = checks;
    }

    /// <summary>The session the check ran through, so the result pipes on like the plugin it describes.</summary>
    public SpsApplianceSession Session { get; }

    /// <summary>The appliance (host:port).</summary>
    public string Appliance { get; }

    /// <summary>The plugin's MANIFEST name.</summary>
    public string? Name { get; }

    /// <summary>The plugin type.</summary>
    public string Type { get; }

    /// <summary>SPS's key of the plugin.</summary>
    public string Key { get; }

    /// <summary>Whether every operation asked for answered <c>passed</c>.</summary>
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);

    /// <summary>One entry per operation asked for, in the order asked.</summary>
    public IReadOnlyList<SpsPluginIntegrityCheck> Checks { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Appliance}: {Type}/{Name ?? Key} {(Passed ? "passed" : "failed")}";

    /// <summary>
    /// Reads the answer. The guide documents <c>{"verdict":"passed","reason":…}</c> per operation but not
    /// where each sits; assumed under <c>body.&lt;op&gt;</c> (the collection answers' shape), else at the top
    /// level. An operation asked for but not answered is a failed check saying so, never a pass.
    /// </summary>
    internal static SpsPluginIntegrityResult Read(SpsInstalledPlugin plugin, IReadOnlyList<string> operations, object? answer)
    {
        var checks = operations.Select(op =>
        {
            var entry = ApplianceJson.Get(answer, "body", op) ?? ApplianceJson.Get(answer, op);
            return entry == null
                ? new SpsPluginIntegrityCheck(op, null, $"The appliance's answer has no verdict for {op}.")
                : new SpsPluginIntegrityCheck(op, ApplianceJson.Text(entry, "verdict"), ApplianceJson.Text(entry, "reason"));
        }).ToList();
        return new SpsPluginIntegrityResult(plugin, checks);
    }
}
