namespace SpsPlugin.Tests.Support;

/// <summary>A theory that needs a Python 3 interpreter: skipped, saying so, when there is none.</summary>
public sealed class PythonTheoryAttribute : TheoryAttribute
{
    public const string NoPython = "no Python 3 interpreter found (looked at SPSPLUGIN_PYTHON, /usr/bin/python3, /usr/local/bin/python3 and PATH): this test runs real Python";

    public PythonTheoryAttribute()
    {
        if (PythonLocator.Find() == null)
        {
            Skip = NoPython;
        }
    }
}
