using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Platform;

/// <summary>
/// The shipped netstandard2.0 assemblies against .NET Framework 4.7.2's reference assemblies (Windows PowerShell
/// 5.1's API set): every assembly they reference is one a 5.1 host has, every type and member they use exists
/// there, and every member reached by reflection instead is listed in ReflectionProbes.txt with its fallback.
/// </summary>
public sealed class NetFrameworkApiTests
{
    // What a 5.1 host resolves: the facade through which netstandard2.0 code reaches the framework, the host's
    // own PowerShell assembly, and the module's Core.
    private static readonly string[] AllowedReferences = { "netstandard", "System.Management.Automation", "SpsPlugin.Core" };

    private static readonly string ReferenceFolder = typeof(NetFrameworkApiTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NetFramework472ReferenceAssemblies").Value!;

    public static TheoryData<string> ShippedAssemblies => new() { "SpsPlugin.Core.dll", "SpsPlugin.dll", "SpsPlugin.Loader.dll" };

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void ReferencesOnlyAssembliesAWindowsPowerShellHostHas(string assembly)
    {
        using var pe = Open(assembly);
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToArray();
        Assert.Empty(references.Except(AllowedReferences));
    }

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void UsesOnlyTypesAndMembersNetFramework472Has(string assembly)
    {
        using var pe = Open(assembly);
        var reader = pe.GetMetadataReader();
        var framework = new FrameworkApi(ReferenceFolder);
        var missing = new List<string>();
        foreach (var handle in reader.TypeReferences)
        {
            var name = FrameworkTypeName(reader, handle);
            if (name != null && !framework.HasType(name))
            {
                missing.Add(name);
            }
        }
        foreach (var handle in reader.MemberReferences)
        {
            var member = reader.GetMemberReference(handle);
            var parent = ParentType(reader, member.Parent);
            if (parent == null)
            {
                continue;
            }
            var type = FrameworkTypeName(reader, parent.Value);
            var memberName = reader.GetString(member.Name);
            if (type != null && framework.HasType(type) && !framework.HasMember(type, memberName))
            {
                missing.Add(type + "." + memberName);
            }
        }
        Assert.Empty(missing.Distinct());
    }

    // The test must be able to fail: a reference to a .NET Core-only member is found.
    [Fact]
    public void FindsAMemberNetFrameworkLacks()
    {
        var framework = new FrameworkApi(ReferenceFolder);
        Assert.True(framework.HasMember("System.Diagnostics.Process", "Kill"));
        Assert.False(framework.HasMember("System.IO.FileSystemInfo", "get_LinkTarget"));
        Assert.False(framework.HasType("System.HashCode"));
        Assert.True(framework.HasType("System.Numerics.BigInteger"));
    }

    [Fact]
    public void EveryReflectionProbeIsListedWithItsFallback()
    {
        var listed = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "tests", "SpsPlugin.Core.Tests", "Platform", "ReflectionProbes.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith("#", StringComparison.Ordinal))
            .Select(line => line.Split('|'))
            .ToArray();
        Assert.All(listed, fields => Assert.True(fields.Length == 3 && fields.All(f => f.Trim().Length > 0), string.Join("|", fields)));
        var members = listed.Select(fields => fields[0].Trim()).ToArray();
        var probes = Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), @"\b(?:GetProperty|GetMethod|GetField|GetEvent|GetType)\(\s*""([^""]+)""")
                .Cast<Match>().Select(m => (File: Path.GetFileName(file), Literal: m.Groups[1].Value)))
            .ToArray();
        Assert.NotEmpty(probes);
        var unlisted = probes.Where(p => !members.Any(m => m == p.Literal || m.EndsWith("." + p.Literal, StringComparison.Ordinal)));
        Assert.Empty(unlisted.Select(p => $"{p.File}: \"{p.Literal}\" (add `Type.Member | why | fallback` to ReflectionProbes.txt)"));
    }

    private static PEReader Open(string assembly)
    {
        var project = assembly == "SpsPlugin.Loader.dll" ? "SpsPlugin.Loader" : "SpsPlugin";
        var path = Path.Combine(TestPaths.RepoRoot, "src", project, "bin", BuildConfiguration, "netstandard2.0", assembly);
        return new PEReader(File.OpenRead(path));
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    // The type a member belongs to: a referenced type, or the generic type of an instantiation (List<string>.Add).
    private static TypeReferenceHandle? ParentType(MetadataReader reader, EntityHandle parent)
    {
        if (parent.Kind == HandleKind.TypeReference)
        {
            return (TypeReferenceHandle)parent;
        }
        if (parent.Kind != HandleKind.TypeSpecification)
        {
            return null;
        }
        var blob = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
        {
            return null;
        }
        blob.ReadSignatureTypeCode();
        var generic = blob.ReadTypeHandle();
        return generic.Kind == HandleKind.TypeReference ? (TypeReferenceHandle)generic : null;
    }

    // The full name of a type the framework provides (reached through netstandard), null for the module's own.
    private static string? FrameworkTypeName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        switch (type.ResolutionScope.Kind)
        {
            case HandleKind.TypeReference:
                var outer = FrameworkTypeName(reader, (TypeReferenceHandle)type.ResolutionScope);
                return outer == null ? null : outer + "+" + name;
            case HandleKind.AssemblyReference:
                var scope = reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name);
                var ns = reader.GetString(type.Namespace);
                return scope == "netstandard" ? (ns.Length == 0 ? name : ns + "." + name) : null;
            default:
                return null;
        }
    }

    /// <summary>.NET Framework 4.7.2's types, each with its member names and base type, from its reference assemblies.</summary>
    private sealed class FrameworkApi
    {
        private readonly Dictionary<string, (HashSet<string> Members, string? BaseType)> _types = new(StringComparer.Ordinal);

        public FrameworkApi(string folder)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.dll").Concat(Directory.EnumerateFiles(Path.Combine(folder, "Facades"), "*.dll")))
            {
                using var pe = new PEReader(File.OpenRead(file));
                if (!pe.HasMetadata)
                {
                    continue; // a native helper beside the managed ones
                }
                var reader = pe.GetMetadataReader();
                foreach (var handle in reader.TypeDefinitions)
                {
                    var type = reader.GetTypeDefinition(handle);
                    var members = new HashSet<string>(type.GetMethods().Select(h => reader.GetString(reader.GetMethodDefinition(h).Name))
                        .Concat(type.GetFields().Select(h => reader.GetString(reader.GetFieldDefinition(h).Name))), StringComparer.Ordinal);
                    var name = FullName(reader, handle);
                    if (_types.TryGetValue(name, out var known))
                    {
                        known.Members.UnionWith(members);
                    }
                    else
                    {
                        _types[name] = (members, BaseTypeName(reader, type.BaseType));
                    }
                }
            }
        }

        public bool HasType(string name) => _types.ContainsKey(name);

        // Inherited members count: Dispose used on a FileStream is declared on Stream.
        public bool HasMember(string type, string member)
        {
            for (var current = type; current != null && _types.TryGetValue(current, out var entry); current = entry.BaseType)
            {
                if (entry.Members.Contains(member))
                {
                    return true;
                }
            }
            return false;
        }

        private static string? BaseTypeName(MetadataReader reader, EntityHandle handle) => handle.IsNil ? null : handle.Kind switch
        {
            HandleKind.TypeDefinition => FullName(reader, (TypeDefinitionHandle)handle),
            HandleKind.TypeReference => ReferenceName(reader, (TypeReferenceHandle)handle),
            _ => null,
        };

        private static string ReferenceName(MetadataReader reader, TypeReferenceHandle handle)
        {
            var type = reader.GetTypeReference(handle);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return ReferenceName(reader, (TypeReferenceHandle)type.ResolutionScope) + "+" + reader.GetString(type.Name);
            }
            var ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? reader.GetString(type.Name) : ns + "." + reader.GetString(type.Name);
        }

        private static string FullName(MetadataReader reader, TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var declaring = type.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return FullName(reader, declaring) + "+" + reader.GetString(type.Name);
            }
            var ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? reader.GetString(type.Name) : ns + "." + reader.GetString(type.Name);
        }
    }
}
