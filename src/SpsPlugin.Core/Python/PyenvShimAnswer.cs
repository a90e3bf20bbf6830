namespace SpsPlugin;

/// <summary>What the search does with a pyenv shim, decided without starting it.</summary>
internal enum PyenvShimOutcome
{
    /// <summary>Not a shim this type reads, or one whose answer it is not sure of: start (probe) the file as it is.</summary>
    ProbeTheShim,

    /// <summary>The shim would run <see cref="PyenvShimAnswer.Interpreter"/>: use that file instead.</summary>
    RunsInterpreter,

    /// <summary>The shim would run a command found on PATH (a candidate of the search already) or fail: skip it.</summary>
    AddsNothing,
}

/// <summary>A decision of <c>PyenvShim.Resolve</c>.</summary>
internal sealed class PyenvShimAnswer
{
    public static readonly PyenvShimAnswer Probe = new(PyenvShimOutcome.ProbeTheShim, null, null);

    public PyenvShimAnswer(PyenvShimOutcome outcome, string? interpreter, string? description)
    {
        Outcome = outcome;
        Interpreter = interpreter;
        Description = description;
    }

    public PyenvShimOutcome Outcome { get; }

    /// <summary>The file the shim would run; set for <see cref="PyenvShimOutcome.RunsInterpreter"/>.</summary>
    public string? Interpreter { get; }

    /// <summary>What the shim was found to do, in words, e.g. <c>pyenv shim python3 -> /root/.pyenv/versions/3.11.7/bin/python3</c>.</summary>
    public string? Description { get; }
}
