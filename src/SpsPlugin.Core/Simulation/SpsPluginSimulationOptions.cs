using System;
using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>How <see cref="SpsPluginSimulator"/> runs a connection.</summary>
public sealed class SpsPluginSimulationOptions
{
    /// <summary>The AA plugin (folder or zip); empty when the policy has only a credential store.</summary>
    public string AaPlugin { get; set; } = string.Empty;

    /// <summary>The AA plugin's configuration text.</summary>
    public string AaConfiguration { get; set; } = string.Empty;

    /// <summary>The credential store plugin, if any.</summary>
    public string? CredentialStore { get; set; }

    /// <summary>The credential store's configuration text.</summary>
    public string CredentialStoreConfiguration { get; set; } = string.Empty;

    /// <summary>The connection.</summary>
    public SpsPluginConnection Connection { get; set; } = new();

    /// <summary>
    /// Answers by question key, used in order: when a plugin asks the same key again (a retry), the
    /// next answer for that key is given; when they run out, <see cref="Ask"/> is asked.
    /// </summary>
    public IList<KeyValuePair<string, SpsPluginAnswer>> Answers { get; set; } = new List<KeyValuePair<string, SpsPluginAnswer>>();

    /// <summary>The scenario file the answers come from, if any: a question left without an answer names its Answers key instead of -Answer.</summary>
    public string? ScenarioFile { get; set; }

    /// <summary>Asked for a question with no answer in <see cref="Answers"/>; returning null means "no answer".</summary>
    public Func<SpsPluginQuestion, SpsPluginAnswer?>? Ask { get; set; }

    /// <summary>The most questions one hook may ask in a row before the simulation stops (a guard against loops).</summary>
    public int MaxQuestions { get; set; } = 10;

    /// <summary>Each hook's time limit.</summary>
    public TimeSpan HookTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The interpreter.</summary>
    public string? PythonPath { get; set; }

    /// <summary>Told about each step as it completes (for -Verbose).</summary>
    public Action<SpsPluginSimulationStep>? OnStep { get; set; }

    /// <summary>Variables added to each plugin's minimal environment (see <see cref="SpsPluginHookRequest.Environment"/>).</summary>
    public IDictionary<string, string> Environment { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>More texts to mask wherever they appear (SecureString values the caller passed); secret answers and the gateway password are masked anyway.</summary>
    public ICollection<string> Secrets { get; set; } = new List<string>();
}
