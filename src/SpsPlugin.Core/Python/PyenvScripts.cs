using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// The pyenv scripts whose rules <see cref="PyenvShim"/> follows, known by digest: the rules were written from and
/// compared with pyenv 2.6.30, and releases 2.6.27 to 2.7.3 ship the same scripts byte for byte (2.8 changed
/// pyenv-which and pyenv-version-name). A shim of another release, or of a pyenv that is gone (a package manager's
/// upgrade leaves old shims until the next rehash), is started instead of read. Hooks are known the same way: pyenv's
/// own pip-rehash, and pyenv-virtualenv 1.4.0's three which hooks, each wholly inside
/// <c>if [ ! -x "${PYENV_COMMAND_PATH}" ]</c> (read here line by line), so idle when pyenv found an executable command.
/// </summary>
internal sealed class PyenvScripts
{
    /// <summary>The libexec scripts that decide what a shim runs, in the order the digest takes them.</summary>
    internal static readonly string[] RuleScripts =
    {
        "pyenv", "pyenv-exec", "pyenv-hooks", "pyenv-version-file", "pyenv-version-file-read", "pyenv-version-name", "pyenv-which",
    };

    // Largest libexec script is a few KiB; anything far bigger is not pyenv's.
    private const int MaxScriptBytes = 256 * 1024;

    private readonly HashSet<string> _rules;
    private readonly HashSet<string> _pipRehash;
    private readonly HashSet<string> _idleWhichHooks;

    public PyenvScripts(IEnumerable<string> ruleDigests, IEnumerable<string> pipRehashDigests, IEnumerable<string> idleWhichHookDigests)
    {
        _rules = new HashSet<string>(ruleDigests, StringComparer.Ordinal);
        _pipRehash = new HashSet<string>(pipRehashDigests, StringComparer.Ordinal);
        _idleWhichHooks = new HashSet<string>(idleWhichHookDigests, StringComparer.Ordinal);
    }

    /// <summary>pyenv 2.6.27 to 2.7.3 and pyenv-virtualenv 1.4.0 (checked against the tags of github.com/pyenv).</summary>
    public static PyenvScripts Known { get; } = new(
        new[] { "530a0796e38596241c46f47e674b158263b40fc00d334f5d9340e163434b4eaf" },
        new[] { "5c9bbfd89e90fd6f97bd5cfd5bfcf547514b989037ec42dc540790830ba6b126" },
        new[]
        {
            "7b2d31d9b9570ccd6cfce46ea29f61ac87deb372f84a8d93e30f4007693ab104", // conda.bash
            "e5b7db4fb65b3d5fecc872d0d5a1386427049d35a5be5c43eb6a3ee6c08e6f1d", // python-config.bash
            "66a033c9d090f0bf7bed9354d83d360703a7359cddf797c4db9a6fdd77c9ff80", // system-site-packages.bash
        });

    /// <summary>True when <paramref name="libexec"/> holds an executable pyenv whose rule scripts are a known release's.</summary>
    public bool AreThoseOf(string libexec)
    {
        if (SpecialFiles.IsRegularFile(libexec + "/pyenv") != true || !UnixNative.MayExecute(libexec + "/pyenv"))
        {
            return false;
        }
        // The digest is remembered for this process while every script keeps its size and time: a search runs on
        // every validation, and hashing the scripts again each time would double what the search costs.
        var stamp = string.Join("|", RuleScripts.Select(name => new FileInfo(libexec + "/" + name)).Select(file => file.Exists ? $"{file.Length}:{file.LastWriteTimeUtc.Ticks}" : "-"));
        lock (_digests)
        {
            if (_digests.TryGetValue(libexec, out var known) && known.Stamp == stamp)
            {
                return known.Digest != null && _rules.Contains(known.Digest);
            }
        }
        var digest = Digest(name => Read(libexec + "/" + name));
        lock (_digests)
        {
            _digests[libexec] = (stamp, digest);
        }
        return digest != null && _rules.Contains(digest);
    }

    private readonly Dictionary<string, (string Stamp, string? Digest)> _digests = new(StringComparer.Ordinal);

    /// <summary>True for pyenv's own pip-rehash.bash as a known release ships it.</summary>
    public bool IsPipRehash(byte[] text) => _pipRehash.Contains(Sha256Hex(text));

    /// <summary>True for a which hook known to act only when pyenv found no executable command.</summary>
    public bool IsIdleWhichHook(string hook) => Read(hook) is { } text && _idleWhichHooks.Contains(Sha256Hex(text));

    /// <summary>
    /// SHA-256 over one line per rule script, "&lt;SHA-256 of the file&gt; &lt;name&gt;\n", in <see cref="RuleScripts"/>'s
    /// order; null when one is missing or unreadable.
    /// </summary>
    internal static string? Digest(Func<string, byte[]?> read)
    {
        var lines = new StringBuilder();
        foreach (var name in RuleScripts)
        {
            if (read(name) is not { } bytes)
            {
                return null;
            }
            lines.Append(Sha256Hex(bytes)).Append(' ').Append(name).Append('\n');
        }
        return Sha256Hex(Encoding.UTF8.GetBytes(lines.ToString()));
    }

    internal static string Sha256Hex(byte[] bytes)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2")));
    }

    private static byte[]? Read(string path)
    {
        try
        {
            return SpecialFiles.IsRegularFile(path) == true ? PyenvShim.ReadAtMost(path, MaxScriptBytes) : null;
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            return null;
        }
    }
}
