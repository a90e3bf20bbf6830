namespace SpsPlugin;

/// <summary>
/// The one text shown in place of a secret, wherever SpsPlugin shows one (configuration differences,
/// simulated answers typed with echo off, hook output): one spelling, so a reader learns it once.
/// </summary>
public static class SecretMask
{
    /// <summary>What is shown instead of a secret value.</summary>
    public const string Text = "********";
}
