using System;
using System.Collections.Generic;
using System.Reflection;

namespace SpsPlugin;

/// <summary>
/// Reads the Windows registry through Microsoft.Win32.RegistryKey found by reflection: it is in mscorlib
/// on .NET Framework (Windows PowerShell 5.1) and in Microsoft.Win32.Registry.dll on .NET, and
/// netstandard2.0 names neither, so a reference would be a new package. Any failure (no such type,
/// no registry on this OS, access denied) reads as a missing key: the search goes on without it.
/// </summary>
internal sealed class WindowsRegistryReader : IPythonRegistry
{
    // RegistryHive and RegistryView values, as Windows defines them.
    private const int CurrentUserHive = unchecked((int)0x80000001);
    private const int LocalMachineHive = unchecked((int)0x80000002);
    private const int View64 = 0x100;
    private const int View32 = 0x200;

    private static readonly Type? KeyType =
        Type.GetType("Microsoft.Win32.RegistryKey, Microsoft.Win32.Registry", false) ?? typeof(object).Assembly.GetType("Microsoft.Win32.RegistryKey", false);

    private static readonly MethodInfo? OpenBaseKey = KeyType?.GetMethod("OpenBaseKey", BindingFlags.Public | BindingFlags.Static);
    private static readonly MethodInfo? OpenSubKey = KeyType?.GetMethod("OpenSubKey", new[] { typeof(string) });
    private static readonly MethodInfo? GetSubKeyNames = KeyType?.GetMethod("GetSubKeyNames", Type.EmptyTypes);
    private static readonly MethodInfo? GetValue = KeyType?.GetMethod("GetValue", new[] { typeof(string) });

    /// <summary>True when the runtime has the registry API (it may still fail where there is no registry, and then reads nothing).</summary>
    public static bool Available => OpenBaseKey != null && OpenSubKey != null && GetSubKeyNames != null && GetValue != null;

    public IReadOnlyList<string> SubKeys(PythonRegistryRoot root, string key) =>
        WithKey(root, key, opened => GetSubKeyNames!.Invoke(opened, null) as string[]) ?? Array.Empty<string>();

    public string? Value(PythonRegistryRoot root, string key, string? name) =>
        WithKey(root, key, opened => GetValue!.Invoke(opened, new object[] { name ?? string.Empty }) as string);

    private static T? WithKey<T>(PythonRegistryRoot root, string key, Func<object, T?> read)
        where T : class
    {
        if (!Available)
        {
            return null;
        }
        try
        {
            var parameters = OpenBaseKey!.GetParameters();
            var hive = Enum.ToObject(parameters[0].ParameterType, root == PythonRegistryRoot.CurrentUser ? CurrentUserHive : LocalMachineHive);
            var view = Enum.ToObject(parameters[1].ParameterType, root == PythonRegistryRoot.LocalMachine32 ? View32 : View64);
            using var baseKey = OpenBaseKey.Invoke(null, new[] { hive, view }) as IDisposable;
            using var opened = baseKey == null ? null : OpenSubKey!.Invoke(baseKey, new object[] { key }) as IDisposable;
            return opened == null ? null : read(opened);
        }
        catch (Exception error) when (error is TargetInvocationException || error is MemberAccessException || error is ArgumentException || error is PlatformNotSupportedException)
        {
            // No registry on this OS, or a key this user may not read: nothing registered there.
            return null;
        }
    }
}
