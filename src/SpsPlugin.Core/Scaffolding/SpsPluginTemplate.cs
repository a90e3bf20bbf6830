using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// A scaffolding template: a descriptor (<c>template.json</c>) and the files of a plugin project,
/// whose paths and text hold <c>{{placeholder}}</c> tokens. The built-in templates are embedded in
/// SpsPlugin.Core; a custom one is a folder with the same layout.
/// </summary>
public sealed class SpsPluginTemplate
{
    /// <summary>The descriptor's file name.</summary>
    public const string DescriptorFileName = "template.json";

    private const string ResourcePrefix = "SpsPlugin.Templates/";
    private const string CommonFolder = "_common";
    private static readonly string[] DescriptorKeys = { "name", "type", "requiresSdk", "minimumSdk", "description" };
    // Folders of a template folder that are not part of the template.
    private static readonly string[] SkippedFolders = { ".git", ".hg", ".svn", "__pycache__", ".pytest_cache" };
    private static readonly Lazy<IReadOnlyList<SpsPluginTemplate>> BuiltInTemplates = new(LoadBuiltIn);

    private SpsPluginTemplate(string name, string type, bool requiresSdk, Version? minimumSdk, string description, string source,
        IReadOnlyList<KeyValuePair<string, string>> files)
    {
        Name = name;
        Type = type;
        RequiresSdk = requiresSdk;
        MinimumSdk = minimumSdk;
        Description = description;
        Source = source;
        Files = files;
    }

    /// <summary>The name New-SpsPlugin -Template takes.</summary>
    public string Name { get; }

    /// <summary>The plugin type the template makes (<c>aa</c> or <c>credentialstore</c>).</summary>
    public string Type { get; }

    /// <summary>True when the generated plugin imports the One Identity plugin SDK (only SPS and PyPI have it).</summary>
    public bool RequiresSdk { get; }

    /// <summary>The oldest plugin SDK the generated code is written for; New-SpsPlugin warns for older targets.</summary>
    public Version? MinimumSdk { get; }

    /// <summary>What the template makes.</summary>
    public string Description { get; }

    /// <summary>"Built-in", or the folder a custom template was read from.</summary>
    public string Source { get; }

    /// <summary>The files: a relative path (with placeholders, '/' separated) and its text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Files { get; }

    /// <summary>The templates that ship with SpsPlugin.</summary>
    public static IReadOnlyList<SpsPluginTemplate> BuiltIn => BuiltInTemplates.Value;

    /// <summary>Finds a built-in template by name (case-insensitive).</summary>
    /// <exception cref="SpsPluginException">TemplateNotFound, naming the templates there are.</exception>
    public static SpsPluginTemplate Find(string name) =>
        BuiltIn.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)) ?? throw NotFound(name);

    /// <summary>The TemplateNotFound failure for <paramref name="name"/>, naming the templates there are.</summary>
    public static SpsPluginException NotFound(string name) => new(SpsPluginErrorId.TemplateNotFound,
        $"There is no template '{name}'. The templates are: {string.Join(", ", BuiltIn.Select(t => t.Name))}; or give -TemplatePath for a template folder of your own.");

    /// <summary>Reads a custom template from a folder holding <c>template.json</c> and the files.</summary>
    /// <exception cref="SpsPluginException">PathNotFound; TemplateInvalid (a bad descriptor).</exception>
    public static SpsPluginTemplate Load(string folder)
    {
        var root = Path.GetFullPath(folder);
        var descriptor = Path.Combine(root, DescriptorFileName);
        if (!File.Exists(descriptor))
        {
            throw new SpsPluginException(SpsPluginErrorId.PathNotFound,
                $"'{root}' is not a template folder: it has no {DescriptorFileName}. See the description in Get-Help Get-SpsPluginTemplate for the format.", root);
        }
        var files = new List<KeyValuePair<string, string>>();
        ReadFolder(root, string.Empty, files);
        return FromDescriptor(ReadText(File.ReadAllBytes(descriptor), descriptor), descriptor, root, files);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    // Reads a template folder's files; links are refused (a template must not pull in files from
    // elsewhere on the machine) and version-control and cache folders are skipped.
    private static void ReadFolder(string folder, string prefix, List<KeyValuePair<string, string>> files)
    {
        foreach (var item in new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            var relative = prefix + item.Name;
            if (FileLinks.IsLink(item))
            {
                throw new SpsPluginException(SpsPluginErrorId.TemplateInvalid,
                    $"'{item.FullName}' in the template folder is a link; templates hold real files only. Replace it with a copy.", item.FullName);
            }
            if (item is DirectoryInfo)
            {
                if (!SkippedFolders.Contains(item.Name, StringComparer.Ordinal))
                {
                    ReadFolder(item.FullName, relative + "/", files);
                }
            }
            else if (relative != DescriptorFileName)
            {
                files.Add(new KeyValuePair<string, string>(relative, ReadText(File.ReadAllBytes(item.FullName), item.FullName)));
            }
        }
    }

    private static IReadOnlyList<SpsPluginTemplate> LoadBuiltIn()
    {
        var assembly = typeof(SpsPluginTemplate).Assembly;
        // Resource names are "SpsPlugin.Templates/<template>/<path>"; MSBuild writes '\' on Windows.
        var byTemplate = assembly.GetManifestResourceNames()
            .Select(r => (Resource: r, Name: r.Replace('\\', '/')))
            .Where(r => r.Name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(r => (r.Resource, Parts: r.Name.Substring(ResourcePrefix.Length).Split(new[] { '/' }, 2)))
            .GroupBy(r => r.Parts[0], StringComparer.Ordinal)
            .ToArray();
        string Read(string resource)
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return ReadText(copy.ToArray(), resource);
        }
        // "_common" holds the files every built-in template shares (MANIFEST, main.py, Pipfile...);
        // a template's own file of the same path wins.
        var common = byTemplate.Where(g => g.Key == CommonFolder).SelectMany(g => g).ToArray();
        var templates = new List<SpsPluginTemplate>();
        foreach (var group in byTemplate.Where(g => g.Key != CommonFolder))
        {
            var own = group.Where(r => r.Parts[1] != DescriptorFileName).ToArray();
            var files = own.Concat(common.Where(c => own.All(o => o.Parts[1] != c.Parts[1])))
                .Select(r => new KeyValuePair<string, string>(r.Parts[1], Read(r.Resource)))
                .OrderBy(f => f.Key, StringComparer.Ordinal)
                .ToArray();
            var descriptor = group.Single(r => r.Parts[1] == DescriptorFileName).Resource;
            templates.Add(FromDescriptor(Read(descriptor), descriptor, "Built-in", files));
        }
        return templates.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
    }

    private static SpsPluginTemplate FromDescriptor(string json, string descriptorPath, string source,
        IReadOnlyList<KeyValuePair<string, string>> files)
    {
        SpsPluginException Invalid(string why) => new(SpsPluginErrorId.TemplateInvalid,
            $"{descriptorPath}: {why}. A descriptor is {{\"name\": \"...\", \"type\": \"aa\" or \"credentialstore\", \"requiresSdk\": true or false, \"minimumSdk\": \"1.6.0\" (optional), \"description\": \"...\"}}.",
            descriptorPath);
        Dictionary<string, object?> map;
        try
        {
            map = MiniJson.Parse(json) as Dictionary<string, object?> ?? throw Invalid("is not a JSON object");
        }
        catch (FormatException e)
        {
            throw Invalid($"is not JSON ({e.Message})");
        }
        var unknown = map.Keys.Where(k => !DescriptorKeys.Contains(k, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
        {
            throw Invalid($"has the unknown key(s) {string.Join(", ", unknown)}");
        }
        string Text(string key) => map.TryGetValue(key, out var value) && value is string text && text.Trim().Length > 0
            ? text
            : throw Invalid($"needs \"{key}\" as a non-empty string");
        var type = Text("type");
        if (SpsHooks.For(type).Count == 0)
        {
            throw Invalid($"has type '{type}'; New-SpsPlugin makes 'aa' and 'credentialstore' plugins");
        }
        var requiresSdk = map.TryGetValue("requiresSdk", out var sdk) ? sdk as bool? ?? throw Invalid("has a requiresSdk that is not true or false") : false;
        Version? minimumSdk = null;
        if (map.TryGetValue("minimumSdk", out var minimum) && (minimum is not string text || !Version.TryParse(text, out minimumSdk)))
        {
            throw Invalid("has a minimumSdk that is not a version such as \"1.6.0\"");
        }
        if (files.Count == 0)
        {
            throw Invalid("sits in a folder with no other files");
        }
        return new SpsPluginTemplate(Text("name"), type, requiresSdk, minimumSdk, Text("description"), source, files);
    }

    private static string ReadText(byte[] bytes, string path)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new SpsPluginException(SpsPluginErrorId.TemplateInvalid, $"{path} is not UTF-8 text; template files must be UTF-8.", path);
        }
    }
}
