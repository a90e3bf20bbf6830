namespace SpsPlugin.Tests.Support;

/// <summary>A theory that needs a Python 3 interpreter: skipped, saying so, when there is none.</summary>
public sealed class PythonTheoryAttribute : TheoryAttribute
{
    public PythonTheoryAttribute()
    {
        if (PythonLocator.Find() == null)
        {
            Skip = "no Python 3 interpreter found (looked at SPSPLUGIN_PYTHON, /usr/bin/python3, /usr/local/bin/python3 and PATH): the differential tests against CPython's configparser need one";
        }
    }
}
