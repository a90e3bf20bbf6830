using System;
using System.IO;
using System.Runtime.InteropServices;

namespace SpsPlugin.IO;

/// <summary>
/// A fresh directory only the current user can enter, under the temp folder, deleted on Dispose.
/// On Unix it is made by one mkdir(2) with mode 0700 under an unguessable name: mkdir fails when
/// anything already has that name (a directory or a link another user planted), so a directory it
/// returns was created by this call and nobody else can have put content in it. On Windows the temp
/// folder is already per user (under LocalApplicationData).
/// </summary>
internal sealed class PrivateDirectory : IDisposable
{
    private const uint OwnerOnly = 0x1C0; // 0700
    private const int Attempts = 8;

    private PrivateDirectory(string path) => Path = path;

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>Creates the directory, named <paramref name="prefix"/> and 128 random bits.</summary>
    /// <exception cref="SpsPluginException">PrivateDirectoryFailed: the temp folder refuses new directories.</exception>
    public static PrivateDirectory Create(string prefix)
    {
        var root = System.IO.Path.GetTempPath();
        string? failure = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var path = System.IO.Path.Combine(root, prefix + Guid.NewGuid().ToString("N"));
            failure = UnixNative.IsAvailable ? MakeUnix(path) : MakeWindows(path);
            if (failure == null)
            {
                return new PrivateDirectory(path);
            }
        }
        throw new SpsPluginException(SpsPluginErrorId.PrivateDirectoryFailed,
            $"No private working directory could be made in the temp folder '{root}': {failure}. Check that it exists and is writable, or point TMPDIR (TEMP on Windows) at one that is.", root);
    }

    /// <summary>Makes a subdirectory (inheriting the privacy of this one) and returns its path.</summary>
    public string Subdirectory(params string[] names)
    {
        var path = Path;
        foreach (var name in names)
        {
            path = System.IO.Path.Combine(path, name);
        }
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes the directory and everything in it; what cannot be deleted (a file a process still holds on Windows) is left.</summary>
    public void Dispose()
    {
        try
        {
            LockedFileRetry.Run(Path, () => Directory.Delete(Path, recursive: true));
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            // Best effort: the directory is private; what a process still holds after the retries stays.
        }
    }

    private static string? MakeUnix(string path)
    {
        if (UnixNative.MakeDirectory(path, OwnerOnly) != 0)
        {
            var errno = Marshal.GetLastWin32Error();
            return errno == UnixNative.ErrorExists ? "the name is taken" : $"mkdir failed with errno {errno}";
        }
        // The umask may have cleared bits of 0700 (never added any): set the mode exactly.
        if (UnixNative.ChangeMode(path, OwnerOnly) != 0)
        {
            return $"chmod failed with errno {Marshal.GetLastWin32Error()}";
        }
        return null;
    }

    private static string? MakeWindows(string path)
    {
        if (Directory.Exists(path) || File.Exists(path))
        {
            return "the name is taken";
        }
        try
        {
            Directory.CreateDirectory(path);
            return null;
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            return error.Message;
        }
    }
}
