using System;
using System.Collections.Generic;
using System.Text;

namespace SpsPlugin.IO;

/// <summary>One line of a text file, with the exact line break that ended it ("" for the last line).</summary>
internal readonly struct SourceLine
{
    public SourceLine(int number, string text, string lineBreak)
    {
        Number = number;
        Text = text;
        LineBreak = lineBreak;
    }

    /// <summary>1-based line number.</summary>
    public int Number { get; }

    /// <summary>The line without its break.</summary>
    public string Text { get; }

    /// <summary>"\n", "\r\n", "\r", another break character, or "" at the end of the text.</summary>
    public string LineBreak { get; }
}

/// <summary>
/// Decoded text that remembers how it was encoded (UTF-8, with or without BOM), so that an unchanged
/// document writes back byte for byte and an edited one keeps the author's choices.
/// </summary>
internal sealed class SourceText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private SourceText(string text, bool hasBom)
    {
        Text = text;
        HasBom = hasBom;
    }

    /// <summary>The text without the BOM.</summary>
    public string Text { get; }

    /// <summary>True when the bytes started with a UTF-8 BOM.</summary>
    public bool HasBom { get; }

    /// <summary>Decodes strict UTF-8 (an optional BOM is remembered, not kept in <see cref="Text"/>).</summary>
    /// <exception cref="DecoderFallbackException">The bytes are not UTF-8; the message names the offset.</exception>
    public static SourceText Decode(byte[] bytes)
    {
        var hasBom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var offset = hasBom ? 3 : 0;
        return new SourceText(StrictUtf8.GetString(bytes, offset, bytes.Length - offset), hasBom);
    }

    /// <summary>Wraps text that did not come from bytes (no BOM).</summary>
    public static SourceText FromString(string text) => new(text, false);

    /// <summary>Returns the same encoding choices around new text.</summary>
    public SourceText WithText(string text) => new(text, HasBom);

    /// <summary>Encodes back to bytes exactly as decoded.</summary>
    public byte[] Encode()
    {
        var body = StrictUtf8.GetBytes(Text);
        if (!HasBom)
        {
            return body;
        }
        var bytes = new byte[body.Length + 3];
        bytes[0] = 0xEF;
        bytes[1] = 0xBB;
        bytes[2] = 0xBF;
        Buffer.BlockCopy(body, 0, bytes, 3, body.Length);
        return bytes;
    }

    /// <summary>
    /// Splits into lines. "\r\n" is one break; every character for which <paramref name="isBreak"/>
    /// is true ends a line. A final line is returned only when it has text or the text is empty.
    /// </summary>
    public static List<SourceLine> SplitLines(string text, Func<char, bool> isBreak)
    {
        var lines = new List<SourceLine>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!isBreak(c))
            {
                continue;
            }
            var breakLength = c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
            lines.Add(new SourceLine(lines.Count + 1, text.Substring(start, i - start), text.Substring(i, breakLength)));
            i += breakLength - 1;
            start = i + 1;
        }
        if (start < text.Length || lines.Count == 0)
        {
            lines.Add(new SourceLine(lines.Count + 1, text.Substring(start), string.Empty));
        }
        return lines;
    }

    /// <summary>Joins lines back into text, each with its own break.</summary>
    public static string Join(IEnumerable<SourceLine> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line.Text).Append(line.LineBreak);
        }
        return text.ToString();
    }
}
