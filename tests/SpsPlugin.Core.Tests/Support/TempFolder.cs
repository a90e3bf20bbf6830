using System;
using System.IO;

namespace SpsPlugin.Tests.Support;

/// <summary>A fresh folder under the temp directory, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "spsplugin-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine(Path, System.IO.Path.Combine(parts));

    public string Write(string relativePath, string content)
    {
        var full = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception error) when ((error is IOException || error is ArgumentException) && !OperatingSystem.IsWindows())
        {
            // A tree deeper than PATH_MAX (UnixFactAttribute.MakeDeepTree) is beyond full-path APIs (.NET 10 even
            // throws ArgumentException there); rm walks it by handles.
            using var remove = System.Diagnostics.Process.Start("rm", "-rf \"" + Path + "\"");
            remove.WaitForExit();
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is not worth failing a test for.
        }
    }
}
