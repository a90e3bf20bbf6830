using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin.Tests.Architecture;

/// <summary>The architecture test is only as good as its reading of C#: these pin what counts as a use and a declaration.</summary>
public sealed class CSharpSourceTests
{
    [Fact]
    public void CommentsStringsAndCharactersHideNames()
    {
        var source = CSharpSource.Parse(
            "// InLineComment\n/* InBlock\n Comment */\n" +
            "var a = \"InString \\\" StillInString\"; var b = @\"InVerbatim \"\" StillInVerbatim\";\n" +
            "var c = '\"'; var d = Visible; var e = \"\"; var f = After;\n" +
            "var g = \"\"\"\n  InRaw \" \"\" StillInRaw\n  \"\"\"; var h = Last;");
        Assert.Equal(new[] { "After", "Last", "Visible", "a", "b", "c", "d", "e", "f", "g", "h", "var" }, source.Identifiers.Distinct().OrderBy(t => t, System.StringComparer.Ordinal));
    }

    [Fact]
    public void InterpolationHolesAreCode()
    {
        var source = CSharpSource.Parse(
            "var a = $\"text {{NotAHole}} {InHole.Size:N0} {Call(x, new[] { 1 })} {(flag ? Yes : No),5}\";\n" +
            "var b = $@\"{Verbatim} \"\"Quoted\"\" \"; var c = $$\"\"\"{NotRawHole} {{RawHole}}\"\"\"; var d = End;");
        var names = source.Identifiers.ToHashSet();
        Assert.Superset(new HashSet<string> { "InHole", "Call", "x", "flag", "Yes", "No", "Verbatim", "RawHole", "End" }, names);
        Assert.DoesNotContain("NotAHole", names);
        Assert.DoesNotContain("N0", names);
        Assert.DoesNotContain("Quoted", names);
        Assert.DoesNotContain("NotRawHole", names);
    }

    [Fact]
    public void OnlyTopLevelDeclarationsAreTypes()
    {
        var source = CSharpSource.Parse(
            "namespace A.B;\nusing System.IO;\nusing Alias = Some.Type;\n" +
            "internal sealed class Outer<T> where T : class\n{\n    private enum Nested { X }\n    void M() { foreach (var record in list) { } }\n}\n" +
            "public record Point(int X);\npublic readonly record struct Pair(int A);\ninternal interface IThing { }\n" +
            "public delegate void Handler<T>(T value);\npublic enum Kind { One }\n[System.Flags] struct Bits { }");
        Assert.Equal(new[] { "Outer", "Point", "Pair", "IThing", "Handler", "Kind", "Bits" }, source.TopLevelTypes);
        Assert.Equal(new[] { "A.B" }, source.DeclaredNamespaces);
        Assert.Equal(new[] { "System.IO" }, source.UsingNamespaces);
    }

    [Fact]
    public void BlockNamespacesHoldTopLevelTypes()
    {
        var source = CSharpSource.Parse("namespace A { namespace B { class Inner { class Hidden { } } } class Second { } }");
        Assert.Equal(new[] { "Inner", "Second" }, source.TopLevelTypes);
        Assert.Equal(new[] { "A", "B" }, source.DeclaredNamespaces);
    }

    [Fact]
    public void FindsACycleAndNamesIt()
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>
        {
            ["A"] = new HashSet<string> { "B" },
            ["B"] = new HashSet<string> { "C" },
            ["C"] = new HashSet<string> { "A" },
            ["D"] = new HashSet<string>(),
        };
        Assert.Equal(new[] { "A", "B", "C", "A" }, ArchitectureTests.FindCycle(graph));
        graph["C"] = new HashSet<string> { "D" };
        Assert.Null(ArchitectureTests.FindCycle(graph));
    }

    [Fact]
    public void ReadsTheTableUnderItsHeader()
    {
        var table = ArchitectureTests.ParseTable("text\n| Folder | May use |\n| --- | --- |\n| `A` | `B`, `C` |\n| `B` | none |\n\n| `Z` | `A` |\n");
        Assert.Equal(new[] { "A", "B" }, table.Keys);
        Assert.Equal(new[] { "B", "C" }, table["A"].OrderBy(f => f));
        Assert.Empty(table["B"]);
    }
}
