using System;
using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>
/// A failure that stops work on one item (a missing file, a damaged zip, an unreadable MANIFEST).
/// Carries a stable <see cref="ErrorId"/>, the path it concerns and, where they exist, the diagnostics
/// that explain it line by line.
/// </summary>
public sealed class SpsPluginException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SpsPluginException(
        SpsPluginErrorId errorId,
        string message,
        string? path = null,
        IReadOnlyList<SpsPluginDiagnostic>? diagnostics = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Path = path;
        Diagnostics = diagnostics ?? Array.Empty<SpsPluginDiagnostic>();
    }

    /// <summary>The stable id of this failure.</summary>
    public SpsPluginErrorId ErrorId { get; }

    /// <summary>The file or folder the failure concerns.</summary>
    public string? Path { get; }

    /// <summary>The findings behind the failure, each with its line where known.</summary>
    public IReadOnlyList<SpsPluginDiagnostic> Diagnostics { get; }
}
