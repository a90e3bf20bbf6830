namespace SpsPlugin;

/// <summary>What a key of a hook's result must hold for SPS to read it (after the JSON round trip: tuples are lists).</summary>
public enum SpsResultShape
{
    /// <summary>One of <see cref="SpsVerdict.Known"/>, exactly as spelt there (reference §3.3).</summary>
    Verdict,

    /// <summary><c>(key, prompt[, disable_echo])</c>: two texts and an optional boolean (reference §3.3, §3.4, <see cref="SpsQuestionShape"/>).</summary>
    Question,

    /// <summary>A text.</summary>
    Text,

    /// <summary>A list (or tuple) of texts.</summary>
    TextList,

    /// <summary>A dict.</summary>
    Dict,

    /// <summary>A list of <c>(key_type, key)</c> pairs, the type one of <see cref="SpsResultKey.PrivateKeyTypes"/> (reference §4.3).</summary>
    PrivateKeyList,
}
