namespace SpsPlugin;

/// <summary>An answer to a NEEDINFO question, and whether it is a secret (typed with echo off, or given as a SecureString).</summary>
public sealed class SpsPluginAnswer
{
    /// <summary>Creates an answer.</summary>
    public SpsPluginAnswer(string value, bool isSecret)
    {
        Value = value;
        IsSecret = isSecret;
    }

    /// <summary>The text.</summary>
    public string Value { get; }

    /// <summary>True when the answer must never be shown.</summary>
    public bool IsSecret { get; }

    /// <inheritdoc />
    public override string ToString() => IsSecret ? SecretMasker.Mask : Value;
}
