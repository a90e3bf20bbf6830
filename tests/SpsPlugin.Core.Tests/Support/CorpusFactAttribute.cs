namespace SpsPlugin.Tests.Support;

/// <summary>A fact over the shared corpus of real plugins: reported as skipped when the corpus is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (!TestPaths.CorpusExists)
        {
            Skip = "the corpus of real plugins is not at " + TestPaths.Corpus;
        }
    }
}
