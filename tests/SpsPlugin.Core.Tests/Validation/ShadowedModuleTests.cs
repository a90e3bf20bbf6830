using System;
using System.Linq;
using SpsPlugin.Tests.Support;
using Xunit;

namespace SpsPlugin.Tests.Validation;

public sealed class ShadowedModuleTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string[] Findings(string path) =>
        SpsPluginValidator.Validate(new PluginBuilder().Set(path, "\n").WriteFolder(_temp), new SpsPluginValidationOptions { UsePython = false })
            .Diagnostics.Where(d => d.RuleId == "StructureShadowedModule").Select(d => d.Message).ToArray();

    [Theory]
    [InlineData("json.py", "json")]
    [InlineData("logging/__init__.py", "logging")]
    [InlineData("calendar/helpers.py", "calendar")]
    public void AModuleOrPackageNamedLikeTheStandardLibraryIsReported(string path, string module)
    {
        var finding = Assert.Single(Findings(path));
        Assert.Contains($"hides Python's own '{module}'", finding);
    }

    [Theory]
    [InlineData("requests/__init__.py")]
    [InlineData("good_plugin/json.py")]
    [InlineData("logging/README.txt")]
    [InlineData("Json.py")]
    public void OtherModulesNestedModulesAndNonPythonFilesAreNot(string path)
    {
        Assert.Empty(Findings(path));
    }
}
