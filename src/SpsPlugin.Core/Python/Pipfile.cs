using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace SpsPlugin;

/// <summary>
/// What Initialize-SpsPluginEnvironment needs of a Pipfile, read with a small TOML subset: table
/// headers (<c>[packages]</c>, <c>[dev-packages]</c>, <c>[requires]</c>, <c>[[source]]</c>), comments, and
/// <c>name = "spec"</c> / <c>name = {version = "spec"}</c> entries. Tables it does not use
/// (<c>[scripts]</c>, <c>[pipenv]</c>) are skipped unread. What it cannot read, or a package pip cannot
/// install from a version alone (git, path, editable), is refused with the line: guessing would install
/// something else than pipenv would.
/// </summary>
public sealed class Pipfile
{
    private static readonly string[] ReadTables = { "packages", "dev-packages", "requires", "source" };

    private Pipfile(string path, IReadOnlyList<string> packages, IReadOnlyList<string> devPackages, Version? python, IReadOnlyList<string> sources)
    {
        Path = path;
        Packages = packages;
        DevPackages = devPackages;
        PythonVersion = python;
        SourceUrls = sources;
    }

    /// <summary>The Pipfile's path.</summary>
    public string Path { get; }

    /// <summary>[packages] as pip requirements (<c>name</c>, <c>name==1.2</c>).</summary>
    public IReadOnlyList<string> Packages { get; }

    /// <summary>[dev-packages] as pip requirements: the SDK pin of a New-SpsPlugin project is here.</summary>
    public IReadOnlyList<string> DevPackages { get; }

    /// <summary>[requires] python_version (or python_full_version's major.minor); null when absent.</summary>
    public Version? PythonVersion { get; }

    /// <summary>The url of each [[source]], in order: the first is the index pipenv installs from.</summary>
    public IReadOnlyList<string> SourceUrls { get; }

    /// <summary>Reads the Pipfile at <paramref name="path"/>.</summary>
    /// <exception cref="SpsPluginException">PipfileNotFound; PipfileInvalid with the line.</exception>
    public static Pipfile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, new UTF8Encoding(false, true));
        }
        catch (Exception error) when (error is FileNotFoundException || error is DirectoryNotFoundException)
        {
            throw new SpsPluginException(SpsPluginErrorId.PipfileNotFound, $"'{path}' does not exist.", path);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is DecoderFallbackException)
        {
            throw new SpsPluginException(SpsPluginErrorId.PipfileInvalid, $"'{path}' cannot be read as UTF-8 text: {error.Message}", path);
        }
        return Parse(text, path);
    }

    /// <summary>Reads Pipfile <paramref name="text"/>; <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="SpsPluginException">PipfileInvalid with the line.</exception>
    public static Pipfile Parse(string text, string path)
    {
        var packages = new List<string>();
        var devPackages = new List<string>();
        var sources = new List<string>();
        Version? python = null;
        string? table = null;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = new TomlLine(lines[index], index + 1, path);
            if (line.IsBlank)
            {
                continue;
            }
            if (line.Header() is { } header)
            {
                table = header;
                continue;
            }
            if (table == null || Array.IndexOf(ReadTables, table) < 0)
            {
                // Tables it does not use are skipped unread; keys before any table are none of its business either.
                continue;
            }
            var (key, value) = line.KeyValue();
            switch (table)
            {
                case "packages":
                    packages.Add(Requirement(key, value, line));
                    break;
                case "dev-packages":
                    devPackages.Add(Requirement(key, value, line));
                    break;
                case "requires" when key == "python_version" || key == "python_full_version":
                    python = value is string text2 && Version.TryParse(text2, out var parsed) ? new Version(parsed.Major, parsed.Minor)
                        : throw line.Invalid($"{key} is {Describe(value)}, not a version such as \"3.12\"");
                    break;
                case "source" when key == "url":
                    sources.Add(value as string ?? throw line.Invalid($"the source url is {Describe(value)}, not a string"));
                    break;
            }
        }
        return new Pipfile(path, packages, devPackages, python, sources);
    }

    /// <summary>The pip requirement of one package entry.</summary>
    private static string Requirement(string name, object? value, TomlLine line)
    {
        var spec = value switch
        {
            string text => text,
            IReadOnlyDictionary<string, object?> table when table.Keys.All(k => k == "version" || k == "extras") && table.TryGetValue("version", out var version) && version is string text
                => text,
            IReadOnlyDictionary<string, object?> table => throw line.Invalid(
                $"package '{name}' uses {string.Join(", ", table.Keys.Where(k => k != "version" && k != "extras"))}{(table.ContainsKey("version") ? string.Empty : " and no version")}, which pip cannot install from a version alone; install this project with pipenv install --dev, or give the package a version"),
            _ => throw line.Invalid($"package '{name}' is {Describe(value)}; write \"*\" for any version or a version spec such as \"==1.9.0\""),
        };
        var extras = value is IReadOnlyDictionary<string, object?> inline && inline.TryGetValue("extras", out var listed)
            ? "[" + string.Join(",", (listed as IReadOnlyList<object?> ?? throw line.Invalid($"the extras of '{name}' are not a list of names")).Cast<string>()) + "]"
            : string.Empty;
        spec = spec.Trim();
        if (spec == "*" || spec.Length == 0)
        {
            return name + extras;
        }
        return "=<>!~".IndexOf(spec[0]) >= 0
            ? name + extras + spec
            : throw line.Invalid($"package '{name}' has the version \"{spec}\", which is no version spec; write \"=={spec}\" for exactly that version, or \"*\"");
    }

    private static string Describe(object? value) => value switch
    {
        null => "empty",
        bool flag => flag ? "true" : "false",
        string text => $"\"{text}\"",
        IReadOnlyList<object?> => "a list",
        _ => "a " + value.GetType().Name.ToLowerInvariant(),
    };
}
