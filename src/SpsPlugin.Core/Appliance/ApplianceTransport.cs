using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// Sends one call to the appliance over HTTPS and reads its answer: headers (User-Agent, cookie), body,
/// timeouts, retries of GET calls, and the failures that are not HTTP statuses (unreachable, untrusted
/// certificate, timeout). Statuses are the caller's to judge.
/// </summary>
internal sealed class ApplianceTransport : IDisposable
{
    // A non-browser User-Agent: from SPS 7.5, state-changing calls from browser-like clients need an
    // X-Token header, other clients are exempt (reference §7). Never "Mozilla".
    private static readonly string UserAgent =
        $"SpsPlugin/{typeof(ApplianceTransport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"} (PowerShell)";

    // Uploads get the session's timeout plus time for their size, at a pessimistic 100 KiB/s.
    private const double UploadBytesPerSecond = 100 * 1024;

    private static readonly int[] TransientStatuses = { 502, 503, 504 };

    private readonly HttpClient http;
    private readonly TimeSpan timeout;
    private readonly int getAttempts;
    private readonly TimeSpan retryDelay;
    private readonly int maxAnswerChars;
    private readonly Random jitter = new();

    public ApplianceTransport(ApplianceAddress address, SpsApplianceConnectionOptions options)
    {
        Address = address;
        Trust = new ServerCertificateTrust(options);
        timeout = options.Timeout;
        getAttempts = Math.Max(1, options.GetAttempts);
        retryDelay = options.RetryDelay;
        maxAnswerChars = options.MaxAnswerChars;
        var handler = new HttpClientHandler
        {
            // The cookie is sent by hand, so it is never stored where a redirect could carry it elsewhere.
            UseCookies = false,
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, certificate, chain, errors) => Trust.Validate(certificate, chain, errors),
        };
        if (options.ClientCertificate != null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(options.ClientCertificate);
        }
        http = new HttpClient(handler) { BaseAddress = address.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public ApplianceAddress Address { get; }

    public ServerCertificateTrust Trust { get; }

    public TimeSpan UploadTimeout(long length) => timeout + TimeSpan.FromSeconds(length / UploadBytesPerSecond);

    /// <summary>The URL of a call: the one sent, and the one messages show (query values masked).</summary>
    /// <exception cref="SpsPluginException">ApplianceArgumentInvalid for a URL that is absolute or leaves /api/.</exception>
    public ApplianceUrl UrlOf(SpsApplianceRequest request)
    {
        var url = ApplianceUrl.Of(request.RelativeUrl, request.Query);
        // Belt and braces: whatever the runtime's Uri makes of the path (Mono and .NET differ in what they
        // unescape and compact), the call must still go to this appliance's /api/.
        var target = new Uri(http.BaseAddress, url.Sent.TrimStart('/'));
        if (Uri.Compare(target, http.BaseAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0
            || !(target.AbsolutePath + "/").StartsWith("/api/", StringComparison.Ordinal))
        {
            throw new SpsPluginException(SpsPluginErrorId.ApplianceArgumentInvalid,
                $"'{url.Shown}' resolves to {ApplianceUrl.Mask(target.PathAndQuery)}, outside /api/ on {Address.Display}; the session's cookie is only ever sent to the appliance's REST API. Give a path under /api/ (e.g. configuration/plugins).");
        }
        return url;
    }

    /// <summary>
    /// Sends the call; a GET is tried again on a transient failure while time is left. POST, PUT, PATCH
    /// and DELETE are sent once: repeating a change the appliance may already have made (an upload whose
    /// answer was lost) could make it twice, so the caller decides after looking.
    /// </summary>
    public SpsApplianceResponse Send(SpsApplianceRequest request, string? cookie, long? length, AuthenticationHeaderValue? authorization = null)
    {
        var url = UrlOf(request);
        var clock = Stopwatch.StartNew();
        var allowed = request.Timeout ?? timeout;
        var retries = request.IsRead && request.Body is not Stream ? getAttempts : 1;
        for (var attempt = 1; ; attempt++)
        {
            var left = allowed - clock.Elapsed;
            try
            {
                var response = SendOnce(request, url, cookie, length, authorization, left);
                if (attempt < retries && TransientStatuses.Contains(response.StatusCode) && Pause(attempt, allowed - clock.Elapsed))
                {
                    continue;
                }
                return response;
            }
            catch (SpsPluginException failure) when (attempt < retries && IsTransient(failure) && Pause(attempt, allowed - clock.Elapsed))
            {
            }
        }
    }

    public void Dispose() => http.Dispose();

    private SpsApplianceResponse SendOnce(SpsApplianceRequest request, ApplianceUrl url, string? cookie, long? length,
        AuthenticationHeaderValue? authorization, TimeSpan left)
    {
        if (left <= TimeSpan.Zero)
        {
            throw TimedOut(request, url);
        }
        using var deadline = new CancellationTokenSource(left);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method.ToUpperInvariant()), url.Sent.TrimStart('/'));
        message.Headers.UserAgent.ParseAdd(UserAgent);
        message.Headers.Accept.ParseAdd("application/json");
        message.Headers.Authorization = authorization;
        if (cookie != null)
        {
            message.Headers.Add("Cookie", "session_id=" + cookie);
        }
        message.Content = Content(request, length);
        try
        {
            using var answer = http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token).GetAwaiter().GetResult();
            return Read(request, url, answer, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw TimedOut(request, url);
        }
        catch (HttpRequestException failure)
        {
            throw Unreachable(request, url, failure);
        }
        catch (IOException failure)
        {
            throw Unreachable(request, url, failure);
        }
        catch (System.Net.Sockets.SocketException failure)
        {
            // Reading a body whose connection the server dropped can surface the socket error itself,
            // not wrapped in an IOException: it is the same lost connection.
            throw Unreachable(request, url, failure);
        }
    }

    private SpsApplianceResponse Read(SpsApplianceRequest request, ApplianceUrl url, HttpResponseMessage answer, CancellationToken token)
    {
        var headers = answer.Headers.Concat(answer.Content.Headers)
            .Where(h => !string.Equals(h.Key, "Set-Cookie", StringComparison.OrdinalIgnoreCase))
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
        var contentType = answer.Content.Headers.ContentType?.MediaType;
        var status = (int)answer.StatusCode;
        string? text = null;
        object? body = null;
        string? outFile = null;
        using var stream = answer.Content.ReadAsStreamAsync().GetAwaiter().GetResult();
        using (token.Register(stream.Dispose))
        {
            if (request.OutFile != null && status >= 200 && status < 300)
            {
                Download(stream, request.OutFile, request.OverwriteOutFile);
                outFile = request.OutFile;
            }
            else
            {
                text = ReadBounded(stream, request, url);
                body = ParseJson(text);
            }
        }
        return new SpsApplianceResponse(Address.Display, request.Method.ToUpperInvariant(), url.Shown, status, contentType, headers, text, body, outFile)
        {
            SessionCookie = SessionCookieOf(answer),
        };
    }

    /// <summary>
    /// Writes the answer to <paramref name="path"/>: atomically, and never over an existing file without -Force, so
    /// a failed download leaves nothing half-written. A failure of this machine's disk is WriteFailed, not the
    /// appliance's: only a failure reading the answer is left to the caller as a lost connection (and a retry).
    /// </summary>
    private static void Download(Stream answer, string path, bool overwrite)
    {
        try
        {
            AtomicFile.Write(path, file =>
            {
                var buffer = new byte[81920];
                int read;
                while ((read = ReadAnswer(answer, buffer)) > 0)
                {
                    file.Write(buffer, 0, read);
                }
            }, overwrite);
        }
        catch (AnswerReadFailure failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure.InnerException!).Throw();
        }
        catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
        {
            throw new SpsPluginException(SpsPluginErrorId.WriteFailed, $"-OutFile '{path}' could not be written: {failure.Message}", path);
        }
    }

    private static int ReadAnswer(Stream answer, byte[] buffer)
    {
        try
        {
            return answer.Read(buffer, 0, buffer.Length);
        }
        catch (IOException failure)
        {
            throw new AnswerReadFailure(failure);
        }
    }

    /// <summary>Carries a failure reading the answer past the file writing, which turns its own IO failures into WriteFailed.</summary>
    private sealed class AnswerReadFailure : Exception
    {
        public AnswerReadFailure(IOException inner)
            : base(inner.Message, inner)
        {
        }
    }

    private string ReadBounded(Stream stream, SpsApplianceRequest request, ApplianceUrl url)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        var text = new StringBuilder();
        var buffer = new char[81920];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (text.Length + read > maxAnswerChars)
            {
                throw new SpsPluginException(SpsPluginErrorId.ApplianceRequestFailed,
                    $"{Address.Display}: the answer to {request.Method.ToUpperInvariant()} {url.Shown} is larger than {maxAnswerChars:N0} characters, far more than any SPS JSON answer; it was not read. To download a large answer, give -OutFile.");
            }
            text.Append(buffer, 0, read);
        }
        return text.ToString();
    }

    private static HttpContent? Content(SpsApplianceRequest request, long? length)
    {
        var body = request.Body;
        if (body == null && !request.IsRead && !string.Equals(request.Method, "DELETE", StringComparison.OrdinalIgnoreCase))
        {
            // SPS answers 411 to a POST/PUT/PATCH without a body or Content-Length (reference §7).
            body = "{}";
        }
        HttpContent? content = body switch
        {
            null => null,
            string text => new StringContent(text, new UTF8Encoding(false)),
            byte[] bytes => new ByteArrayContent(bytes),
            Stream stream => new ProgressContent(stream, length ?? stream.Length - stream.Position, request.UploadProgress),
            _ => new StringContent(MiniJson.Write(body), new UTF8Encoding(false)),
        };
        if (content != null)
        {
            var type = request.ContentType ?? (body is byte[] or Stream ? "application/octet-stream" : "application/json");
            content.Headers.ContentType = SpsApplianceRequest.MediaType(type);
        }
        return content;
    }

    private static object? ParseJson(string text)
    {
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith("{", StringComparison.Ordinal) && !trimmed.StartsWith("[", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            return MiniJson.Parse(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? SessionCookieOf(HttpResponseMessage answer)
    {
        if (!answer.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return null;
        }
        foreach (var value in values)
        {
            var pair = value.Split(';')[0].Trim();
            if (pair.StartsWith("session_id=", StringComparison.Ordinal) && pair.Length > "session_id=".Length)
            {
                return pair.Substring("session_id=".Length);
            }
        }
        return null;
    }

    private bool Pause(int attempt, TimeSpan left)
    {
        double factor;
        lock (jitter)
        {
            factor = 0.5 + jitter.NextDouble();
        }
        var delay = TimeSpan.FromMilliseconds(retryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1) * factor);
        if (delay >= left)
        {
            return false;
        }
        Thread.Sleep(delay);
        return true;
    }

    private static bool IsTransient(SpsPluginException failure) =>
        failure.ErrorId == SpsPluginErrorId.ApplianceUnreachable || failure.ErrorId == SpsPluginErrorId.ApplianceTimeout;

    private SpsPluginException TimedOut(SpsApplianceRequest request, ApplianceUrl url) =>
        new(SpsPluginErrorId.ApplianceTimeout,
            $"{Address.Display}: {request.Method.ToUpperInvariant()} {url.Shown} got no answer within {(request.Timeout ?? timeout).TotalSeconds:0.#} s. " +
            (request.IsRead ? "Try again or give a longer -TimeoutSec." : "The appliance may still have carried it out: check before repeating it (Get-SpsPluginTransaction)."));

    private SpsPluginException Unreachable(SpsApplianceRequest request, ApplianceUrl url, Exception failure)
    {
        if (Innermost(failure) is AuthenticationException && Trust.LastRejection is { } rejection)
        {
            return new SpsPluginException(SpsPluginErrorId.ApplianceCertificateUntrusted,
                $"{Address.Display}: the HTTPS certificate is not trusted: {rejection}. Trust its CA with -TrustedCertificate <CA file>, pin it with -CertificateThumbprint {Trust.ServerThumbprint}, or (tests only) use -SkipCertificateCheck.",
                innerException: failure);
        }
        var retried = request.IsRead ? string.Empty : " It was not repeated: the appliance may have received it; check before sending it again.";
        return new SpsPluginException(SpsPluginErrorId.ApplianceUnreachable,
            $"{Address.Display}: {request.Method.ToUpperInvariant()} {url.Shown} failed: {Innermost(failure).Message}.{retried} Check the address, the port and the network.",
            innerException: failure);
    }

    private static Exception Innermost(Exception failure)
    {
        var inner = failure;
        while (inner.InnerException != null)
        {
            inner = inner.InnerException;
        }
        return inner;
    }
}
