using System;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SpsPlugin.Tests.Diagnostics;

/// <summary>
/// The table of error ids: every id an error record can carry is in <see cref="SpsPluginErrorCatalogue"/>
/// once, with a kind, a summary and a recommended action. What the cmdlets emit, and that each id is
/// documented and reachable, is tests/pester/ErrorIds.Tests.ps1.
/// </summary>
public sealed class ErrorCatalogueTests
{
    [Fact]
    public void EveryIdIsListedOnceWithASummaryAndARecommendedAction()
    {
        var all = SpsPluginErrorCatalogue.All;
        Assert.Equal(all.Count, all.Select(e => e.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(all, e =>
        {
            Assert.Matches(new Regex("^[A-Z][A-Za-z0-9]+$"), e.Id);
            Assert.False(string.IsNullOrWhiteSpace(e.Summary), e.Id);
            Assert.False(string.IsNullOrWhiteSpace(e.RecommendedAction), e.Id);
            Assert.Same(e, SpsPluginErrorCatalogue.Get(e.Id));
        });
    }

    [Fact]
    public void TheCatalogueIsTheFailuresAndEveryRule()
    {
        var ids = SpsPluginErrorCatalogue.All.Select(e => e.Id).ToArray();
        Assert.Equal(SpsPluginErrorId.All.Select(e => e.Id), ids.Take(SpsPluginErrorId.All.Count));
        Assert.Equal(
            SpsPluginErrorId.All.Select(e => e.Id).Union(SpsPluginValidator.Catalogue.Select(r => r.Id)).OrderBy(id => id, StringComparer.Ordinal),
            ids.OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public void ARuleWhoseIdIsAFailureSharesTheFailuresEntry()
    {
        // One id, one kind: ManifestSyntaxError is a ParserError whether a reader or the validator reports it.
        Assert.Same(SpsPluginErrorId.ManifestSyntaxError, SpsPluginErrorCatalogue.Get("ManifestSyntaxError"));
        Assert.Same(SpsPluginErrorId.ConfigInterpolationTooLarge, SpsPluginErrorCatalogue.Get("ConfigInterpolationTooLarge"));
    }

    [Theory]
    [InlineData("ZipSymlink", ErrorKind.SecurityError)]
    [InlineData("ZipPathTraversal", ErrorKind.SecurityError)]
    [InlineData("ZipNotZip", ErrorKind.InvalidData)]
    [InlineData("ZipUnreadableEntry", ErrorKind.NotImplemented)]
    [InlineData("ManifestName", ErrorKind.InvalidData)]
    [InlineData("PythonSyntax", ErrorKind.InvalidData)]
    public void ARuleIdHasTheKindOfItsFindings(string id, ErrorKind kind)
    {
        var entry = SpsPluginErrorCatalogue.Get(id);
        Assert.Equal(kind, entry.Kind);
        Assert.Equal(SpsPluginValidator.Catalogue.Single(r => r.Id == id).Fix, entry.RecommendedAction);
    }

    [Fact]
    public void AnUndeclaredIdIsRefusedRatherThanReportedAsAnother()
    {
        var error = Assert.Throws<ArgumentException>(() => SpsPluginErrorCatalogue.Get("NoSuchId"));
        Assert.Contains("NoSuchId", error.Message);
    }

    [Fact]
    public void HookFailedIsTheOnlyFamilyAndNamesItsRecords()
    {
        Assert.Contains("HookFailed.<kind>", SpsPluginErrorId.HookFailed.Summary);
        Assert.DoesNotContain(SpsPluginErrorCatalogue.All, e => e.Id.Contains('.'));
    }
}
