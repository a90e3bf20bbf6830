using System.Threading;

namespace SpsPlugin;

/// <summary>
/// The default appliance session: the most recent one Connect-SpsPluginAppliance made (unless
/// -NoDefault). Process-wide on purpose, so that ForEach-Object -Parallel and thread jobs, whose
/// runspaces share the process, find the session their script connected; sessions are thread-safe.
/// </summary>
internal static class ApplianceSessions
{
    private static SpsApplianceSession? current;

    /// <summary>The default session, or null when none is connected.</summary>
    public static SpsApplianceSession? Default => Volatile.Read(ref current);

    public static void MakeDefault(SpsApplianceSession session) => Volatile.Write(ref current, session);

    /// <summary>Forgets <paramref name="session"/> as the default, if it is; another default stays.</summary>
    public static void Forget(SpsApplianceSession session) => Interlocked.CompareExchange(ref current, null, session);
}
