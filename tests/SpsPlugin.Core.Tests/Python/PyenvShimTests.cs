using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Python;

/// <summary>
/// What a pyenv shim runs, decided without starting it, over a made-up pyenv root: the interpreter when pyenv's rules
/// settle it, nothing when it would run PATH's command or fail, and the shim itself (probed) whenever unsure.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PyenvShimTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public PyenvShimTests()
    {
        Root = _temp.Combine("pyenv");
        WorkingDirectory = _temp.Combine("project", "src");
        Directory.CreateDirectory(WorkingDirectory);
        Version("3.10.13", "python3", "python3.10");
        Version("3.11.7", "python3", "python3.11");
        File.WriteAllText(Path.Combine(Root, "version"), "3.11.7\n");
        // A pyenv of its own: libexec's rule scripts, known to these tests by their digest as a release's are.
        foreach (var script in PyenvScripts.RuleScripts)
        {
            Executable(Path.Combine(Root, "libexec", script), $"#!/usr/bin/env bash\n# {script} of the test's pyenv\n");
        }
        Known = new PyenvScripts(new[] { PyenvScripts.Digest(name => File.ReadAllBytes(Path.Combine(Root, "libexec", name)))! },
            new[] { PyenvScripts.Sha256Hex(Encoding.UTF8.GetBytes(PipRehashText)) }, new[] { PyenvScripts.Sha256Hex(Encoding.UTF8.GetBytes(IdleWhichHookText)) });
    }

    private const string IdleWhichHookText = "if [ ! -x \"${PYENV_COMMAND_PATH}\" ]; then\n  PYENV_COMMAND_PATH=/elsewhere\nfi\n";

    private const string PipRehashText = "# pyenv's pip-rehash, as the test's release ships it\nPYENV_COMMAND_PATH=x\n";

    private PyenvScripts Known { get; }

    public void Dispose() => _temp.Dispose();

    private string Root { get; }

    private string WorkingDirectory { get; }

    // The text pyenv-rehash writes (pyenv 2.4).
    private static string ShimText(string root) =>
        "#!/usr/bin/env bash\nset -e\n[ -n \"$PYENV_DEBUG\" ] && set -x\n\nprogram=\"${0##*/}\"\n\n" +
        $"export PYENV_ROOT=\"{root}\"\nSHIM_PATH=${{0%/*}}\nif [[ $SHIM_PATH != \"{root}/shims\" ]]; then\n" +
        "  export _PYENV_SHIM_PATH=\"$SHIM_PATH\"\nfi\n" +
        $"exec \"{root}/libexec/pyenv\" exec \"$program\" \"$@\"\n";

    private string Shim(string command, string? text = null) => Executable(Path.Combine(Root, "shims", command), text ?? ShimText(Root));

    private void Version(string name, params string[] commands)
    {
        foreach (var command in commands)
        {
            Executable(Path.Combine(Root, "versions", name, "bin", command), "\u007fELF");
        }
    }

    private static string Executable(string path, string content, UnixFileMode mode = (UnixFileMode)0x1ED)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private PyenvShimAnswer Resolve(string command, IReadOnlyDictionary<string, string>? variables = null) =>
        ResolvePath(Shim(command), variables);

    private PyenvShimAnswer ResolvePath(string path, IReadOnlyDictionary<string, string>? variables = null) =>
        PyenvShim.Resolve(path, name => variables != null && variables.TryGetValue(name, out var value) ? value : null, () => WorkingDirectory, Known);

    private void AssertRuns(string version, string command, PyenvShimAnswer answer)
    {
        var expected = $"{Root}/versions/{version}/bin/{command}";
        Assert.Equal(PyenvShimOutcome.RunsInterpreter, answer.Outcome);
        Assert.Equal(expected, answer.Interpreter);
        Assert.Equal($"pyenv shim {command} -> {expected}", answer.Description);
    }

    [UnixFact]
    public void TheGlobalVersionsCommandIsWhatTheShimRuns() => AssertRuns("3.11.7", "python3", Resolve("python3"));

    [UnixFact]
    public void ACommandNoSelectedVersionHasAddsNothing()
    {
        // pyenv would fall back to PATH without its shims (the search's own candidates) or fail with exit 127.
        Assert.Equal(PyenvShimOutcome.AddsNothing, Resolve("python3.10").Outcome);
    }

    [UnixFact]
    public void PyenvVersionListsVersionsInOrderAndTheFirstWithTheCommandWins()
    {
        var variables = new Dictionary<string, string> { ["PYENV_VERSION"] = "3.10.13:3.11.7" };
        AssertRuns("3.11.7", "python3.11", Resolve("python3.11", variables));
        AssertRuns("3.10.13", "python3", Resolve("python3", variables));
    }

    [UnixFact]
    public void ALocalVersionFileAboveTheWorkingDirectoryWinsWithItsCommentsAndPrefixSkipped()
    {
        File.WriteAllText(_temp.Combine("project", ".python-version"), "# the release's Python\n\n  python-3.10.13 trailing words\r\n3.11.7\n");
        AssertRuns("3.10.13", "python3", Resolve("python3"));
        AssertRuns("3.11.7", "python3.11", Resolve("python3.11"));
    }

    [UnixFact]
    public void PyenvDirIsSearchedBeforeTheWorkingDirectory()
    {
        File.WriteAllText(_temp.Combine("project", ".python-version"), "3.11.7\n");
        var other = Directory.CreateDirectory(_temp.Combine("elsewhere")).FullName;
        File.WriteAllText(Path.Combine(other, ".python-version"), "3.10.13\n");
        AssertRuns("3.10.13", "python3", Resolve("python3", new Dictionary<string, string> { ["PYENV_DIR"] = other }));
    }

    [UnixFact]
    public void SystemOrAnEmptyVersionFileAddsNothing()
    {
        File.WriteAllText(Path.Combine(Root, "version"), "system\n");
        Assert.Equal(PyenvShimOutcome.AddsNothing, Resolve("python3").Outcome);
        File.Delete(Path.Combine(Root, "version"));
        Assert.Equal(PyenvShimOutcome.AddsNothing, Resolve("python3").Outcome);

        // An empty local file selects "system": pyenv does not go on to the global file.
        File.WriteAllText(Path.Combine(Root, "version"), "3.11.7\n");
        File.WriteAllText(_temp.Combine("project", ".python-version"), "# only a comment\n");
        Assert.Equal(PyenvShimOutcome.AddsNothing, Resolve("python3").Outcome);
    }

    [UnixFact]
    public void WhatOnlyStartingTheShimWouldSettleIsProbed()
    {
        // "system" first: PATH's command, if PATH has it, else 3.10.13's.
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, Resolve("python3", new Dictionary<string, string> { ["PYENV_VERSION"] = "system:3.10.13" }).Outcome);
        // A prefix pyenv-latest resolves, a name not installed, an empty name, a glob, a path.
        foreach (var selected in new[] { "3.10", "3.9.18", "3.11.7::3.10.13", "3.1*" })
        {
            Assert.Equal(PyenvShimOutcome.ProbeTheShim, Resolve("python3", new Dictionary<string, string> { ["PYENV_VERSION"] = selected }).Outcome);
        }
        File.WriteAllText(Path.Combine(Root, "version"), "../3.11.7\n");
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, Resolve("python3").Outcome);
    }

    [UnixFact]
    public void ACommandThisProcessMayNotExecuteIsPassedOverAndAFolderIsProbed()
    {
        Executable(Path.Combine(Root, "versions", "3.11.7", "bin", "python3"), "\u007fELF", (UnixFileMode)0x1A4);
        var variables = new Dictionary<string, string> { ["PYENV_VERSION"] = "3.11.7:3.10.13" };
        AssertRuns("3.10.13", "python3", Resolve("python3", variables));

        File.Delete(Path.Combine(Root, "versions", "3.11.7", "bin", "python3"));
        Directory.CreateDirectory(Path.Combine(Root, "versions", "3.11.7", "bin", "python3"));
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, Resolve("python3", variables).Outcome);
    }

    [UnixFact]
    public void ALinkIsJudgedByTheFileItLeadsTo()
    {
        // pyenv's bin/python3 is a link to python3.X; bash's -x follows it, and so must the mode read here.
        var bin = Path.Combine(Root, "versions", "3.11.7", "bin");
        Executable(Path.Combine(bin, "python3.11"), "\u007fELF", (UnixFileMode)0x1A4);
        File.Delete(Path.Combine(bin, "python3"));
        File.CreateSymbolicLink(Path.Combine(bin, "python3"), "python3.11");
        Assert.Equal(PyenvShimOutcome.AddsNothing, Resolve("python3").Outcome);

        File.SetUnixFileMode(Path.Combine(bin, "python3.11"), (UnixFileMode)0x1ED);
        AssertRuns("3.11.7", "python3", Resolve("python3"));
    }

    [UnixFact]
    public void AScriptThatIsNoPyenvShimIsProbed()
    {
        var lookalike = Shim("python3", ShimText(Root).Replace("set -e\n", "set -e\nexport PYENV_VERSION=3.10.13\n"));
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, ResolvePath(lookalike).Outcome);
        // A shim with anything after its exec line (here past the few KiB a shim has), reached through a link, is no shim.
        var padded = Shim("python3", ShimText(Root) + "#" + new string(' ', 4096) + "\n");
        var link = _temp.Combine("python3");
        File.CreateSymbolicLink(link, padded);
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, ResolvePath(link).Outcome);
        var other = Shim("python3", "#!/bin/sh\nexec /usr/bin/python3 \"$@\"\n");
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, ResolvePath(other).Outcome);
    }

    [UnixFact]
    public void AKnownIdleWhichHookIsIdleAndAnyOtherWhichOrVersionNameHookIsProbed()
    {
        var hooks = Path.Combine(Root, "plugins", "pyenv-virtualenv", "etc", "pyenv.d");
        var which = Directory.CreateDirectory(Path.Combine(hooks, "which")).FullName;
        File.WriteAllText(Path.Combine(which, "known.bash"), IdleWhichHookText);
        AssertRuns("3.11.7", "python3", Resolve("python3"));
        // Guarded the same way but not known byte for byte: an indented else would act when pyenv found the command.
        File.WriteAllText(Path.Combine(which, "guarded.bash"), "if [ ! -x \"${PYENV_COMMAND_PATH}\" ]; then\n  :\n  else\n  PYENV_COMMAND_PATH=/elsewhere\nfi\n");
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, Resolve("python3").Outcome);
        File.Delete(Path.Combine(which, "guarded.bash"));

        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(hooks, "version-name")).FullName, "pick.bash"), "PYENV_VERSION=3.10.13\n");
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, Resolve("python3").Outcome);
    }

    [UnixFact]
    public void PyenvsOwnPipRehashHookIsIdleForPython()
    {
        var exec = Directory.CreateDirectory(Path.Combine(Root, "pyenv.d", "exec")).FullName;
        File.WriteAllText(Path.Combine(exec, "pip-rehash.bash"), PipRehashText);
        Executable(Path.Combine(exec, "pip-rehash", "pip"), "#!/bin/sh\n");
        AssertRuns("3.11.7", "python3", Resolve("python3"));

        // Not byte for byte the release's: what it does is not known.
        File.WriteAllText(Path.Combine(exec, "pip-rehash.bash"), PipRehashText + "PYENV_COMMAND_PATH=/elsewhere\n");
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, Resolve("python3").Outcome);
        File.WriteAllText(Path.Combine(exec, "pip-rehash.bash"), PipRehashText);

        File.WriteAllText(Path.Combine(exec, "other.bash"), "PYENV_COMMAND_PATH=/elsewhere\n");
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, Resolve("python3").Outcome);
    }

    [UnixFact]
    public void AShimOfAnotherPyenvReleaseOrOfAPyenvThatIsGoneIsProbed()
    {
        File.AppendAllText(Path.Combine(Root, "libexec", "pyenv-which"), "# changed in another release\n");
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, Resolve("python3").Outcome);
        File.Delete(Path.Combine(Root, "libexec", "pyenv-which"));
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, Resolve("python3").Outcome);
        // pyenv itself must be there and executable, as the shim's exec needs it.
        Directory.Delete(Path.Combine(Root, "libexec"), true);
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, Resolve("python3").Outcome);
    }

    [UnixFact]
    public void AVersionFileThatIsNoRegularFileIsPassedOverAsPyenvsDashFDoes()
    {
        // A FIFO would block a read for ever, /dev/null reads empty: pyenv's [ -f ] skips both, and so does this.
        var project = _temp.Combine("project");
        File.WriteAllText(Path.Combine(project, ".python-version"), "3.10.13\n");
        UnixFactAttribute.MakeFifo(Path.Combine(WorkingDirectory, ".python-version"));
        AssertRuns("3.10.13", "python3", Resolve("python3"));
        File.Delete(Path.Combine(WorkingDirectory, ".python-version"));
        File.CreateSymbolicLink(Path.Combine(WorkingDirectory, ".python-version"), "/dev/null");
        AssertRuns("3.10.13", "python3", Resolve("python3"));
        // The global file is read without that test: one that is no regular file is not guessed.
        File.Delete(Path.Combine(project, ".python-version"));
        File.Delete(Path.Combine(Root, "version"));
        UnixFactAttribute.MakeFifo(Path.Combine(Root, "version"));
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, Resolve("python3").Outcome);
    }

    [UnixFact]
    public void AShimThatIsNoRegularFileIsProbedWithoutReadingIt()
    {
        var fifo = UnixFactAttribute.MakeFifo(_temp.Combine("python3"));
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, ResolvePath(fifo).Outcome);
    }

    [UnixFact]
    public void AWorkingDirectoryThatCannotBeReadIsProbed() =>
        Assert.Equal(PyenvShimOutcome.ProbeTheShim, PyenvShim.Resolve(Shim("python3"), _ => null, () => null, Known).Outcome);

    [UnixFact]
    public void TheReleasesTheseRulesHoldForAreKnownByTheirScripts()
    {
        Assert.True(Known.AreThoseOf(Path.Combine(Root, "libexec")));
        Assert.False(PyenvScripts.Known.AreThoseOf(Path.Combine(Root, "libexec")));
    }

    [Theory]
    [InlineData("3.11.7\n", "3.11.7")]
    [InlineData("  3.11.7  # why\r\n\n#3.9\n3.10.13", "3.11.7,3.10.13")]
    [InlineData("", "")]
    [InlineData("a:b\n", null)]
    [InlineData("x/../3.11.7\n", null)]
    [InlineData("..\n", null)]
    [InlineData("# caf\u00e9\n3.11.7\n", null)]
    public void AVersionFileIsReadAsPyenvReadsIt(string text, string? expected)
    {
        var file = _temp.Write("version-file", text);
        Assert.Equal(expected, PyenvShim.ReadVersionFile(file) is { } names ? string.Join(",", names) : null);
    }

    [Fact]
    public void AVersionFileLineLongerThanPyenvReadsAtOnceIsNotGuessed() =>
        Assert.Null(PyenvShim.ReadVersionFile(_temp.Write("long", new string('3', 1100) + "\n")));

    /// <summary>On this machine's pyenv: each real shim resolved without starting it gives what starting it gives.</summary>
    [PyenvFact]
    public void OnThisMachinesPyenvTheResolvedInterpreterAnswersAsTheShimDoes()
    {
        var root = PyenvFactAttribute.Root;
        var shims = PyenvFactAttribute.Shims;
        var environment = PythonEnvironment.Minimal();
        const string Script = "import sys; sys.stdout.write('%s %s' % (sys.version, sys.prefix))";
        var resolved = 0;
        foreach (var shim in shims)
        {
            var answer = PyenvShim.Resolve(shim, name => environment.TryGetValue(name, out var value) ? value : null, Directory.GetCurrentDirectory());
            var ran = PythonProcess.Run(shim, Script, string.Empty, TimeSpan.FromSeconds(30));
            switch (answer.Outcome)
            {
                case PyenvShimOutcome.RunsInterpreter:
                    var direct = PythonProcess.Run(answer.Interpreter!, Script, string.Empty, TimeSpan.FromSeconds(30));
                    Assert.True(ran.ExitCode == 0, $"{shim}: {ran.Stderr}");
                    Assert.Equal(ran.Stdout, direct.Stdout);
                    resolved++;
                    break;
                case PyenvShimOutcome.AddsNothing:
                    // pyenv failed, or ran a command from PATH (not one of its versions).
                    Assert.True(ran.ExitCode != 0 || !ran.Stdout.Contains(Path.Combine(root, "versions")), $"{shim} ran {ran.Stdout}");
                    break;
            }
        }
        Assert.True(resolved > 0, "no shim of this machine's pyenv was resolved: " + string.Join(", ", shims));
    }
}
