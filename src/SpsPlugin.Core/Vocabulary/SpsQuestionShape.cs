namespace SpsPlugin;

/// <summary>
/// The shape of a NEEDINFO <c>question</c>: a tuple <c>(key, prompt[, disable_echo])</c>, a list after
/// the JSON round trip. The official examples give two parts, the SDK's need_info three (reference §3.3,
/// §3.4, §6.5).
/// </summary>
internal static class SpsQuestionShape
{
    /// <summary>The key_value_pairs key the answer comes back under.</summary>
    public const int Key = 0;

    /// <summary>The text shown to the user.</summary>
    public const int Prompt = 1;

    /// <summary>True to hide the typing; absent means shown, as the official two-part examples expect.</summary>
    public const int DisableEcho = 2;

    /// <summary>The fewest parts a question has: key and prompt.</summary>
    public const int MinimumParts = 2;
}
