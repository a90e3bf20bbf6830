using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// A pyenv shim read as text, and the interpreter it would run, found by pyenv's own rules (libexec/pyenv,
/// pyenv-exec, pyenv-which, pyenv-version-name, pyenv-version-file, pyenv-version-file-read, pyenv-hooks) instead of
/// starting it: a shim costs a bash, pyenv's scripts and then the interpreter (80-150 ms), and being a script it is
/// never remembered across sessions, while the interpreter it leads to is. The rules are those of the pyenv releases
/// whose scripts they were written from and compared with (<see cref="PyenvScripts"/>); a shim of any other pyenv, or
/// of one that is gone, is started. Correctness first: whatever these rules do not settle for sure (a prefix such as
/// "3.10" that pyenv-latest resolves, a version-name hook, a which or exec hook that is not one of the known idle ones,
/// "system" before another version, a version file with other than ASCII, a file that is not a regular file where
/// pyenv tests <c>[ -f ]</c>) answers <see cref="PyenvShimAnswer.Probe"/>, and the shim is started as before.
/// </summary>
internal static class PyenvShim
{
    // A shim is a few hundred bytes; anything bigger is not one, and is not read further.
    private const int MaxShimBytes = 4096;

    // pyenv-version-file-read reads a line in chunks of 1,024 characters; a file bigger than this is no version file a person wrote.
    private const int MaxVersionFileBytes = 64 * 1024;
    private const int MaxVersionLine = 1023;

    private const string System = "system";

    // The text pyenv-rehash writes (create_prototype_shim), the SHIM_PATH block optional (older pyenv has none).
    // Quoted paths hold no character a double-quoted bash string would expand.
    private static readonly Regex ShimText = new(
        "\\A#!/usr/bin/env bash\nset -e\n\\[ -n \"\\$PYENV_DEBUG\" \\] && set -x\n\nprogram=\"\\$\\{0##\\*/\\}\"\n\n" +
        "export PYENV_ROOT=\"(?<root>/[^\"$`\\\\\n]*)\"\n" +
        "(?:SHIM_PATH=\\$\\{0%/\\*\\}\nif \\[\\[ \\$SHIM_PATH != \"\\k<root>/shims\" \\]\\]; then\n  export _PYENV_SHIM_PATH=\"\\$SHIM_PATH\"\nfi\n)?" +
        "exec \"(?<prefix>/[^\"$`\\\\\n]*)/libexec/pyenv\" exec \"\\$program\" \"\\$@\"\n\\z",
        RegexOptions.CultureInvariant);

    // pyenv's own exec hook: it swaps in a wrapper only for pip and easy_install (or "-m pip" arguments, never the
    // probe's, the checks' or the hook host's).
    private const string PipRehashHook = "pip-rehash.bash";

    /// <summary>
    /// What running <paramref name="path"/> would start, when it is a pyenv shim, in a process whose environment
    /// holds <paramref name="variable"/> and whose working directory is <paramref name="workingDirectory"/>.
    /// </summary>
    public static PyenvShimAnswer Resolve(string path, Func<string, string?> variable, string workingDirectory) =>
        Resolve(path, variable, () => workingDirectory, PyenvScripts.Known);

    /// <summary>
    /// the public overload with the working directory read only once the file
    /// is a shim (null when it cannot be read: a deleted folder), and the pyenv scripts these rules hold for.
    /// </summary>
    internal static PyenvShimAnswer Resolve(string path, Func<string, string?> variable, Func<string?> workingDirectory, PyenvScripts known)
    {
        // Regular files only, as pyenv's [ -f ] tests: opening a FIFO would block for ever.
        if (!UnixNative.IsAvailable || SpecialFiles.IsRegularFile(path) != true || ReadShim(path) is not { } shim)
        {
            return PyenvShimAnswer.Probe;
        }
        var root = shim.Groups["root"].Value.TrimEnd('/');
        var prefix = shim.Groups["prefix"].Value;
        var command = Path.GetFileName(path);
        if (root.Length == 0 || !known.AreThoseOf(prefix + "/libexec") || !HooksAreIdle(root, prefix, command, variable("PYENV_HOOK_PATH"), known)
            || workingDirectory() is not { } directory || SelectedVersions(root, variable, directory) is not { } names)
        {
            return PyenvShimAnswer.Probe;
        }
        return Which(root, command, names);
    }

    private static Match? ReadShim(string path)
    {
        try
        {
            if (ReadAtMost(path, MaxShimBytes) is not { Length: >= 2 } bytes || bytes[0] != '#' || bytes[1] != '!')
            {
                return null;
            }
            var match = ShimText.Match(Encoding.UTF8.GetString(bytes));
            return match.Success ? match : null;
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>pyenv-which over the selected names and then "system": the first that has the command.</summary>
    private static PyenvShimAnswer Which(string root, string command, IReadOnlyList<string> names)
    {
        for (var index = 0; index < names.Count; index++)
        {
            if (names[index] == System)
            {
                // pyenv runs PATH's command (a candidate of the search) when PATH has it, else goes on to the next
                // name: sure only when no later name has the command either.
                return names.Skip(index + 1).Any(name => Executable(CommandIn(root, name, command)) != false)
                    ? PyenvShimAnswer.Probe
                    : new PyenvShimAnswer(PyenvShimOutcome.AddsNothing, null, null);
            }
            var candidate = CommandIn(root, names[index], command);
            switch (Executable(candidate))
            {
                case true:
                    return new PyenvShimAnswer(PyenvShimOutcome.RunsInterpreter, candidate, $"pyenv shim {command} -> {candidate}");
                case null:
                    return PyenvShimAnswer.Probe;
            }
        }
        // No selected version has it: pyenv tries PATH without its shims, whose commands the search lists itself.
        return new PyenvShimAnswer(PyenvShimOutcome.AddsNothing, null, null);
    }

    private static string CommandIn(string root, string version, string command) => $"{root}/versions/{version}/bin/{command}";

    /// <summary>pyenv-which's <c>[ -x ]</c>: true for a file this process may execute, false for none; null for a folder (which -x passes but exec fails on).</summary>
    private static bool? Executable(string path) =>
        Directory.Exists(path) ? null : File.Exists(path) && UnixNative.MayExecute(path);

    /// <summary>
    /// pyenv-version-name: PYENV_VERSION, else the version file's names, each an installed version (a folder under
    /// versions/, "python-" dropped when only that names one) or "system". Null when unsure.
    /// </summary>
    private static IReadOnlyList<string>? SelectedVersions(string root, Func<string, string?> variable, string workingDirectory)
    {
        string[]? names;
        if (variable("PYENV_VERSION") is { Length: > 0 } fromVariable)
        {
            // Split by IFS=: unquoted, so a glob character would also be expanded against the working directory.
            names = fromVariable.IndexOfAny(new[] { '*', '?', '[' }) >= 0 ? null : fromVariable.Split(':');
        }
        else
        {
            var directory = variable("PYENV_DIR") is { Length: > 0 } named ? named : workingDirectory;
            if (!Path.IsPathRooted(directory) || !Directory.Exists(directory))
            {
                return null;
            }
            // pyenv-version-file: from PYENV_DIR up, then from the working directory up when that differs, then the global file.
            directory = Path.GetFullPath(directory);
            var local = LocalVersionFile(directory) ?? (directory == workingDirectory ? null : LocalVersionFile(workingDirectory));
            names = ReadVersionFile(local ?? root + "/version");
        }
        if (names == null || names.Any(name => name.Length == 0))
        {
            return null;
        }
        if (names.Length == 0 || (names.Length == 1 && names[0] == System))
        {
            return new[] { System };
        }
        var installed = new List<string>();
        foreach (var name in names)
        {
            var normalised = name.StartsWith("python-", StringComparison.Ordinal) ? name.Substring("python-".Length) : name;
            if (name == System || Directory.Exists($"{root}/versions/{name}"))
            {
                installed.Add(name);
            }
            else if (normalised.Length > 0 && Directory.Exists($"{root}/versions/{normalised}"))
            {
                installed.Add(normalised);
            }
            else
            {
                // pyenv-latest resolves a prefix ("3.10") among the installed versions, or the name is not installed.
                return null;
            }
        }
        return installed;
    }

    /// <summary>pyenv-version-file: the first .python-version from <paramref name="directory"/> up to the root.</summary>
    private static string? LocalVersionFile(string directory)
    {
        for (var folder = directory.TrimEnd('/'); ; folder = folder.Substring(0, folder.LastIndexOf('/')))
        {
            var file = folder + "/.python-version";
            if (SpecialFiles.IsRegularFile(file) == true)
            {
                return file;
            }
            if (folder.Length == 0)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// pyenv-version-file-read: the first word of each line, blank lines and '#' comments skipped; an empty list for a
    /// missing or empty file (pyenv then selects "system"). Null for what it reads differently or refuses: "..", a
    /// '/', a ':', a NUL, a line past its 1,024-byte chunks, a file too big, anything but ASCII (bash counts a chunk in
    /// bytes or in characters by the locale), and anything but a regular file (a FIFO would block; a device reads as
    /// pyenv's [ -s ] does not).
    /// </summary>
    internal static string[]? ReadVersionFile(string path)
    {
        try
        {
            // Where the runtime cannot tell, Resolve has already answered Probe; the file is then taken as it exists.
            if (!(SpecialFiles.IsRegularFile(path) ?? File.Exists(path)))
            {
                return File.Exists(path) || Directory.Exists(path) ? null : Array.Empty<string>();
            }
            if (ReadCapped(path) is not { } text || text.Any(c => c > '\u007f'))
            {
                return null;
            }
            var names = new List<string>();
            foreach (var line in text.Split('\n'))
            {
                if (line.Length > MaxVersionLine || line.IndexOf('\0') >= 0)
                {
                    return null;
                }
                var word = line.Split(new[] { ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                if (word == null || word.StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }
                if (word == ".." || word.IndexOf('/') >= 0 || word.IndexOf(':') >= 0)
                {
                    return null;
                }
                names.Add(word);
            }
            return names.ToArray();
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// pyenv-hooks over the hook path libexec/pyenv builds: no version-name hook, no which hook but the known idle ones,
    /// and no exec hook but pyenv's own pip-rehash as its releases ship it, with no wrapper for the command.
    /// </summary>
    private static bool HooksAreIdle(string root, string prefix, string command, string? hookPathVariable, PyenvScripts known)
    {
        var folders = (hookPathVariable ?? string.Empty).Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries).ToList();
        folders.Add(root + "/pyenv.d");
        if (prefix != root)
        {
            folders.Add(prefix + "/pyenv.d");
        }
        folders.AddRange(new[] { "/usr/etc/pyenv.d", "/usr/local/etc/pyenv.d", "/etc/pyenv.d", "/usr/lib/pyenv/hooks" });
        try
        {
            if (Directory.Exists(root + "/plugins"))
            {
                folders.AddRange(Directory.GetDirectories(root + "/plugins").Select(plugin => plugin + "/etc/pyenv.d"));
            }
            return folders.All(folder =>
                !Hooks(folder, "version-name").Any()
                && Hooks(folder, "which").All(known.IsIdleWhichHook)
                && Hooks(folder, "exec").All(hook => IsIdlePipRehash(hook, command, known)));
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is DecoderFallbackException)
        {
            return false;
        }
    }

    private static IEnumerable<string> Hooks(string folder, string pyenvCommand)
    {
        var hooks = Path.Combine(folder, pyenvCommand);
        return Directory.Exists(hooks)
            ? Directory.GetFileSystemEntries(hooks, "*.bash").Where(hook => !Path.GetFileName(hook).StartsWith(".", StringComparison.Ordinal))
            : Enumerable.Empty<string>();
    }

    /// <summary>True for pyenv's pip-rehash exec hook, byte for byte as its releases ship it, when it has no wrapper for <paramref name="command"/>.</summary>
    private static bool IsIdlePipRehash(string hook, string command, PyenvScripts known) =>
        Path.GetFileName(hook) == PipRehashHook
        && command.StartsWith("python", StringComparison.Ordinal)
        && SpecialFiles.IsRegularFile(hook) == true && ReadAtMost(hook, MaxVersionFileBytes) is { } bytes && known.IsPipRehash(bytes)
        && !File.Exists(Path.Combine(Path.GetDirectoryName(hook)!, "pip-rehash", command))
        && !Directory.Exists(Path.Combine(Path.GetDirectoryName(hook)!, "pip-rehash", command));

    /// <summary>The text of a small file, strict UTF-8; null when it is longer than <see cref="MaxVersionFileBytes"/>.</summary>
    private static string? ReadCapped(string path) =>
        ReadAtMost(path, MaxVersionFileBytes) is { } bytes ? new UTF8Encoding(false, true).GetString(bytes) : null;

    /// <summary>
    /// The bytes of <paramref name="path"/>, null when there are more than <paramref name="limit"/>: measured by
    /// reading, since a FileInfo's length is a link's own (python3 -> python3.11) and an interpreter is megabytes.
    /// </summary>
    internal static byte[]? ReadAtMost(string path, int limit)
    {
        using var stream = File.OpenRead(path);
        var bytes = new byte[limit + 1];
        var length = 0;
        for (int read; length < bytes.Length && (read = stream.Read(bytes, length, bytes.Length - length)) > 0;)
        {
            length += read;
        }
        if (length > limit)
        {
            return null;
        }
        Array.Resize(ref bytes, length);
        return bytes;
    }
}
