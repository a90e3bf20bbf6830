using System;
using System.Collections.Generic;
using SpsPlugin.IO;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Simulation;

/// <summary>
/// Hook results nested deeper than the module reads back, or containing themselves: the hook host
/// refuses them by path as not serialisable instead of dying of RecursionError in json.dump.
/// </summary>
public sealed class DeepResultTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    // The cookie is one level below the result, so its innermost value sits at 1 + wraps.
    [PythonTheory]
    [InlineData(MiniJson.MaxDepth - 2, true)]
    [InlineData(MiniJson.MaxDepth - 1, false)]
    [InlineData(100_000, false)]
    public void ACookieReadsBackUpToTheReadersDepthAndIsRefusedBeyond(int wraps, bool readsBack)
    {
        var result = Authenticate($"c = 'x'\n        for _ in range({wraps}):\n            c = {{'c': c}}\n        return {{'verdict': 'ACCEPT', 'cookie': c}}");

        if (readsBack)
        {
            Assert.True(result.Succeeded, result.Error);
            object? value = result.Cookie;
            for (var i = 0; i < wraps; i++)
            {
                value = Assert.IsType<Dictionary<string, object?>>(value)["c"];
            }
            Assert.Equal("x", value);
            return;
        }
        Assert.Equal("not-serialisable", result.ErrorKind);
        Assert.Contains("result['cookie']['c']", result.Error);
        Assert.Contains("levels deep", result.Error);
    }

    [PythonFact]
    public void AResultThatContainsItselfIsRefused()
    {
        var result = Authenticate("loop = []\n        loop.append(loop)\n        return {'verdict': 'ACCEPT', 'cookie': {'loop': loop}}");

        Assert.Equal("not-serialisable", result.ErrorKind);
        Assert.Contains("result['cookie']['loop'][0][0]", result.Error);
    }

    private SpsPluginHookResult Authenticate(string body)
    {
        var plugin = new PluginBuilder().Set("good_plugin/plugin.py",
            "class Plugin(object):\n    def __init__(self, configuration):\n        pass\n\n    def authenticate(self):\n        " + body + "\n").WriteFolder(_temp);
        return SpsPluginHookRunner.Invoke(new SpsPluginHookRequest
        {
            PluginPath = plugin,
            Hook = "authenticate",
            Configuration = "[x]\ny=1\n",
            Arguments = new Dictionary<string, object?>(),
            Timeout = TimeSpan.FromSeconds(30),
        });
    }
}
