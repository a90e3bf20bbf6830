#if NETFRAMEWORK
// The .NET Core-only members the tests (never the shipped code) use, for the net472 run under Mono, as C# 14
// extension members so the test sources stay the same on both targets. Each behaves as its .NET 10 original
// for what the tests ask of it.
using System.Collections.ObjectModel;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }

    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    internal sealed class ModuleInitializerAttribute : Attribute
    {
    }
}

namespace System.Runtime.Versioning
{
    /// <summary>.NET 5's platform annotation: tests use it to quiet the analyzer about Unix-only calls.</summary>
    [AttributeUsage(AttributeTargets.All, AllowMultiple = true, Inherited = false)]
    internal sealed class UnsupportedOSPlatformAttribute : Attribute
    {
        public UnsupportedOSPlatformAttribute(string platformName) => PlatformName = platformName;

        public string PlatformName { get; }
    }
}

namespace System.IO
{
    /// <summary>.NET 7's permission bits, the values chmod takes.</summary>
    [Flags]
    internal enum UnixFileMode
    {
        None = 0,
        OtherExecute = 1, OtherWrite = 2, OtherRead = 4,
        GroupExecute = 8, GroupWrite = 16, GroupRead = 32,
        UserExecute = 64, UserWrite = 128, UserRead = 256,
        StickyBit = 512, SetGroup = 1024, SetUser = 2048,
    }
}

namespace SpsPlugin.Tests.NetFramework
{
    using System;

    internal static class NetFrameworkPolyfills
    {
        extension(OperatingSystem)
        {
            // Not through RuntimeInformation: Debian's Mono does not resolve OSPlatform through the netstandard
            // facade (TypeLoadException), and the shipped code never asks it either (PlatformPaths.IsWindows).
            public static bool IsWindows() => Path.DirectorySeparatorChar == '\\';

            public static bool IsLinux() => !IsWindows() && Directory.Exists("/proc/self");

            public static bool IsMacOS() => !IsWindows() && Directory.Exists("/System/Library/CoreServices");
        }

        extension(Environment)
        {
            public static int ProcessId => Process.GetCurrentProcess().Id;
        }

        extension(GC)
        {
            /// <summary>
            /// The managed heap's size: Mono has neither .NET's per-thread allocation counter nor AppDomain
            /// monitoring (NotImplementedException), so on net472 an allocation bound catches only what a reader
            /// keeps, not what it allocates and drops. The time bound is checked as on .NET 10.
            /// </summary>
            public static long GetAllocatedBytesForCurrentThread() => GC.GetTotalMemory(false);
        }

        extension(double)
        {
            public static bool IsNegative(double value) => BitConverter.DoubleToInt64Bits(value) < 0;
        }

        extension(Convert)
        {
            public static string ToHexString(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        }

        extension(SHA256)
        {
            public static byte[] HashData(byte[] bytes)
            {
                using var sha = SHA256.Create();
                return sha.ComputeHash(bytes);
            }
        }

        extension(Encoding)
        {
            public static Encoding Latin1 => Encoding.GetEncoding(28591);
        }

        extension(Path)
        {
            public static string GetRelativePath(string relativeTo, string path)
            {
                var from = new Uri(AppendSeparator(Path.GetFullPath(relativeTo)));
                var to = new Uri(Path.GetFullPath(path));
                var relative = Uri.UnescapeDataString(from.MakeRelativeUri(to).ToString()).Replace('/', Path.DirectorySeparatorChar);
                return relative.Length == 0 ? "." : relative.TrimEnd(Path.DirectorySeparatorChar);
            }
        }

        extension(Directory)
        {
            public static DirectoryInfo CreateTempSubdirectory(string prefix) =>
                Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")));

            public static FileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
            {
                Symlink(pathToTarget, path);
                return new DirectoryInfo(path);
            }
        }

        extension(ProcessStartInfo info)
        {
            /// <summary>Arguments added here are quoted into <see cref="ProcessStartInfo.Arguments"/> as SpsPlugin quotes them.</summary>
            public Collection<string> ArgumentList => Lists.GetValue(info, i => new QuotedArguments(i));
        }

        extension(FileSystemInfo item)
        {
            /// <summary>.NET 6's link target, read by readlink(1): an oracle independent of the code under test.</summary>
            public string? LinkTarget
            {
                get
                {
                    using var readlink = Process.Start(new ProcessStartInfo("readlink", "\"" + item.FullName + "\"") { RedirectStandardOutput = true, UseShellExecute = false })!;
                    var target = readlink.StandardOutput.ReadToEnd().TrimEnd('\n');
                    readlink.WaitForExit();
                    return readlink.ExitCode == 0 ? target : null;
                }
            }
        }

        extension(System.IO.Compression.ZipArchiveEntry entry)
        {
            /// <summary>.NET 5's CRC-32 of an entry, computed from its content.</summary>
            public uint Crc32
            {
                get
                {
                    using var content = entry.Open();
                    var buffer = new byte[81920];
                    uint crc = 0;
                    for (int read; (read = content.Read(buffer, 0, buffer.Length)) > 0;)
                    {
                        crc = SpsPlugin.Bundles.Crc32.Update(crc, buffer, 0, read);
                    }
                    return crc;
                }
            }
        }

        extension(string text)
        {
            public string[] Split(char separator, StringSplitOptions options) => text.Split(new[] { separator }, options);

            public string[] Split(string separator) => text.Split(new[] { separator }, StringSplitOptions.None);
        }

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ProcessStartInfo, QuotedArguments> Lists = new();

        private static string AppendSeparator(string path) =>
            path.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? path : path + Path.DirectorySeparatorChar;

        internal static void Symlink(string target, string link)
        {
            if (symlink(target, link) != 0)
            {
                throw new IOException($"symlink {link} -> {target} failed (errno {Marshal.GetLastWin32Error()})");
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int symlink(string target, string link);

        [DllImport("libc", SetLastError = true)]
        internal static extern int chmod(string path, int mode);

        private sealed class QuotedArguments : Collection<string>
        {
            private readonly ProcessStartInfo _info;

            public QuotedArguments(ProcessStartInfo info) => _info = info;

            protected override void InsertItem(int index, string item)
            {
                base.InsertItem(index, item);
                _info.Arguments = SpsPlugin.CommandLineQuoting.Join(this.ToArray());
            }
        }
    }

    /// <summary>File's members apart: their signatures equal Directory's, which one class cannot hold twice.</summary>
    internal static class NetFrameworkFilePolyfills
    {
        extension(File)
        {
            public static FileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
            {
                NetFrameworkPolyfills.Symlink(pathToTarget, path);
                return new FileInfo(path);
            }

            /// <summary>.NET 7's permission bits of a file or folder, read by stat(1): an oracle independent of the code under test.</summary>
            public static UnixFileMode GetUnixFileMode(string path)
            {
                using var stat = Process.Start(new ProcessStartInfo("stat", "-c %a \"" + path + "\"") { RedirectStandardOutput = true, UseShellExecute = false })!;
                var octal = stat.StandardOutput.ReadToEnd().Trim();
                stat.WaitForExit();
                return stat.ExitCode == 0 ? (UnixFileMode)Convert.ToInt32(octal, 8) : throw new IOException($"stat {path} failed");
            }

            public static void SetUnixFileMode(string path, UnixFileMode mode)
            {
                if (NetFrameworkPolyfills.chmod(path, (int)mode) != 0)
                {
                    throw new Win32Exception(Marshal.GetLastWin32Error(), $"chmod {path}");
                }
            }
        }
    }
}
#endif
