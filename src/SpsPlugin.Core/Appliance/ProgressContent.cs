using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace SpsPlugin;

/// <summary>A streamed request body of known length that reports the bytes sent, for uploads with progress.</summary>
internal sealed class ProgressContent : HttpContent
{
    private const int ChunkSize = 81920;
    private readonly Stream source;
    private readonly long length;
    private readonly IProgress<long>? progress;

    public ProgressContent(Stream source, long length, IProgress<long>? progress)
    {
        this.source = source;
        this.length = length;
        this.progress = progress;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var buffer = new byte[ChunkSize];
        long sent = 0;
        int read;
        while (sent < length && (read = await source.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, length - sent)).ConfigureAwait(false)) > 0)
        {
            await stream.WriteAsync(buffer, 0, read).ConfigureAwait(false);
            sent += read;
            progress?.Report(sent);
        }
        if (sent != length)
        {
            throw new IOException($"the upload stream ended after {sent} of {length} bytes");
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = this.length;
        return true;
    }
}
