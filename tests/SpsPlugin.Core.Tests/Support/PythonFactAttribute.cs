namespace SpsPlugin.Tests.Support;

/// <summary>A fact that needs a Python 3 interpreter: skipped, saying so, when there is none.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (PythonLocator.Find() == null)
        {
            Skip = PythonTheoryAttribute.NoPython;
        }
    }
}
