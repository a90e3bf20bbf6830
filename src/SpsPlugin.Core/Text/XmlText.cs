using System;
using System.IO;
using System.Text;
using System.Xml;

namespace SpsPlugin;

/// <summary>The XML text of a report: UTF-8 without a BOM, indented, LF line breaks, the same on every platform.</summary>
internal static class XmlText
{
    /// <summary>The document <paramref name="write"/> writes, as text.</summary>
    public static string Write(Action<XmlWriter> write)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            write(xml);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
