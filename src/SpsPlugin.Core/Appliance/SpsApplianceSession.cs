using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// A logged-in session with one SPS appliance's REST API (reference §7): the generic call
/// (<see cref="Invoke"/>) and the typed calls the module's cmdlets need (transactions, installed
/// plugins, upload). Thread-safe: one session may serve several runspaces or ForEach-Object -Parallel.
/// </summary>
/// <remarks>
/// Its public properties are the safe ones. The session cookie and the password live in private fields
/// only, so ToString, Format-List and ConvertTo-Json of a session never show them.
/// </remarks>
public sealed class SpsApplianceSession : IDisposable
{
    private const string TransactionUrl = "/api/transaction";

    private readonly ApplianceTransport transport;
    private readonly ApplianceLogin login;
    private readonly TimeSpan idleTimeout;
    private readonly object gate = new();
    private string? cookie;
    private bool transactionOpen;
    private long lastActivityTicks;
    private bool closed;

    private SpsApplianceSession(ApplianceTransport transport, ApplianceLogin login, TimeSpan idleTimeout)
    {
        this.transport = transport;
        this.login = login;
        this.idleTimeout = idleTimeout;
    }

    /// <summary>A unique id of this session (not SPS's session id, which stays private).</summary>
    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>The appliance as host, or host:port when the port is not 443.</summary>
    public string Appliance => transport.Address.Display;

    /// <summary>The HTTPS base address of the appliance.</summary>
    public Uri BaseAddress => transport.Address.BaseAddress;

    /// <summary>The user logged in (for a certificate login, the certificate's subject).</summary>
    public string UserName => login.UserName;

    /// <summary>The login method asked for; null for the appliance's default.</summary>
    public string? LoginMethod => login.LoginMethod;

    /// <summary>How the session logged in.</summary>
    public SpsApplianceAuthenticationType AuthenticationType => login.AuthenticationType;

    /// <summary>When the last login (the first, or a renewal after idle expiry) succeeded.</summary>
    public DateTimeOffset LoginTime { get; private set; }

    /// <summary>When the appliance last answered a call of this session.</summary>
    public DateTimeOffset LastActivity => new(System.Threading.Interlocked.Read(ref lastActivityTicks), TimeSpan.Zero);

    /// <summary>The SPS release the appliance reported (e.g. "7.5.0"); null when it could not be read.</summary>
    public string? Release { get; private set; }

    /// <summary>The endpoint that reported <see cref="Release"/>, or why it is null.</summary>
    public string? ReleaseSource { get; private set; }

    /// <summary>The SHA-1 thumbprint of the appliance's HTTPS certificate.</summary>
    public string? ServerCertificateThumbprint => transport.Trust.ServerThumbprint;

    /// <summary>Whether the session can still be used (not disconnected).</summary>
    public bool IsOpen
    {
        get
        {
            lock (gate)
            {
                return !closed;
            }
        }
    }

    /// <summary>
    /// Logs in (GET /api/authentication with Basic authentication, <c>?login_method=</c> or <c>?type=x509</c>)
    /// and reads the appliance's release, which is optional: a REST user who may not read it still connects.
    /// </summary>
    /// <param name="options">The appliance, the login and the trust.</param>
    /// <param name="verbose">Receives what happened, for -Verbose; never a secret.</param>
    /// <exception cref="SpsPluginException">ApplianceArgumentInvalid, ApplianceUnreachable, ApplianceCertificateUntrusted, ApplianceLoginFailed, ApplianceTimeout.</exception>
    public static SpsApplianceSession Connect(SpsApplianceConnectionOptions options, Action<string>? verbose = null)
    {
        if (options == null)
        {
            throw new ArgumentNullException(nameof(options));
        }
        var address = ApplianceAddress.Parse(options.Appliance);
        var login = ApplianceLogin.From(options);
        var transport = new ApplianceTransport(address, options);
        var session = new SpsApplianceSession(transport, login, options.IdleTimeout);
        try
        {
            session.LogIn();
            verbose?.Invoke($"{session.Appliance}: logged in as {session.UserName} ({session.AuthenticationType}{(login.LoginMethod == null ? string.Empty : ", login method " + login.LoginMethod)}); server certificate {session.ServerCertificateThumbprint}.");
            session.ReadRelease(verbose);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Calls the REST API. A GET is retried on transient failures and, when the session expired, renewed
    /// once with the stored credential (outside a transaction); other methods are sent once.
    /// </summary>
    /// <exception cref="SpsPluginException">A failure with an Appliance* id; the message names the call and SPS's error.</exception>
    public SpsApplianceResponse Invoke(SpsApplianceRequest request) => Send(request, null);

    /// <summary>
    /// Opens a transaction (POST /api/transaction with a <c>{}</c> body: SPS answers 411 to one without) and
    /// returns its state: from the answer when it reports one, else read with GET /api/transaction.
    /// </summary>
    public SpsApplianceTransaction OpenTransaction()
    {
        var answer = Send(new SpsApplianceRequest("POST", "transaction") { Body = new Dictionary<string, object?>() }, null).Body;
        return ApplianceTransactions.StatusOf(answer) == null ? GetTransaction() : ReadTransaction(answer);
    }

    /// <summary>The state of the transaction (GET /api/transaction).</summary>
    public SpsApplianceTransaction GetTransaction() => ReadTransaction(Send(new SpsApplianceRequest("GET", "transaction"), null).Body);

    /// <summary>
    /// Commits the transaction (PUT /api/transaction <c>{"status":"commit"}</c>), then reads its state to
    /// confirm it closed: SPS documents no commit answer, so the module trusts the GET after it, not the
    /// PUT's body.
    /// </summary>
    /// <exception cref="SpsPluginException">ApplianceRequestFailed when the transaction is still open afterwards.</exception>
    public SpsApplianceTransaction CommitTransaction(string? message = null)
    {
        var body = new Dictionary<string, object?> { ["status"] = "commit" };
        if (!string.IsNullOrEmpty(message))
        {
            // The field name follows what GET /api/transaction reports (.body.commit_message, as safeguard-ps
            // reads it); SPS documents no commit request beyond {"status":"commit"}.
            body["commit_message"] = message;
        }
        Send(new SpsApplianceRequest("PUT", "transaction") { Body = body }, null);
        var after = GetTransaction();
        if (after.IsOpen)
        {
            throw new SpsPluginException(SpsPluginErrorId.ApplianceRequestFailed,
                $"{Appliance}: PUT /api/transaction (commit) was answered, but GET /api/transaction still reports the transaction open; the changes are not committed. Check the appliance's transaction (Get-SpsPluginTransaction) and commit or cancel it.");
        }
        return after;
    }

    /// <summary>Cancels the transaction (DELETE /api/transaction), dropping its pending changes.</summary>
    public SpsApplianceTransaction CancelTransaction()
    {
        Send(new SpsApplianceRequest("DELETE", "transaction"), null);
        return GetTransaction();
    }

    /// <summary>
    /// The installed plugins (GET /api/configuration/plugins/&lt;type&gt;), of one type or every type the
    /// appliance lists, whose names match <paramref name="name"/> (wildcards, ignoring case).
    /// </summary>
    public IReadOnlyList<SpsInstalledPlugin> GetInstalledPlugins(SpsPluginType? type = null, string? name = null)
    {
        var keys = type != null
            ? new[] { type.RestKey }
            : ApplianceJson.Items(Send(new SpsApplianceRequest("GET", "configuration/plugins"), null).Body)
                .Select(item => ApplianceJson.Text(item, "key")).OfType<string>().ToArray();
        var plugins = new List<SpsInstalledPlugin>();
        foreach (var key in keys)
        {
            var listing = Send(new SpsApplianceRequest("GET", "configuration/plugins/" + Uri.EscapeDataString(key)), null).Body;
            foreach (var item in ApplianceJson.Items(listing))
            {
                var plugin = ApplianceTransactions.Plugin(this, key, item);
                if (plugin != null && (name == null || Wildcard.Matches(plugin.Name ?? string.Empty, name)))
                {
                    plugins.Add(plugin);
                }
            }
        }
        return plugins;
    }

    /// <summary>
    /// The installed plugin that is <paramref name="bundle"/>'s: exactly its MANIFEST name (no wildcards, case
    /// kept) and its type, so a same-named plugin of another type stays apart; null when none is installed.
    /// </summary>
    public SpsInstalledPlugin? FindInstalledPlugin(SpsPluginBundleIdentity bundle)
    {
        if (bundle == null)
        {
            throw new ArgumentNullException(nameof(bundle));
        }
        if (bundle.Name == null)
        {
            return null;
        }
        var type = SpsPluginType.Find(bundle.Type);
        var typeName = type?.Name ?? bundle.Type;
        return GetInstalledPlugins(type, bundle.Name)
            .FirstOrDefault(p => string.Equals(p.Name, bundle.Name, StringComparison.Ordinal) && p.Type == typeName);
    }

    /// <summary>
    /// Uploads a plugin zip (POST /api/upload/plugins, application/zip, streamed) into the open transaction
    /// (or the one SPS opens for it). Never retried: a repeated upload is a second change.
    /// </summary>
    /// <exception cref="SpsPluginException">PluginUploadRefused (400), PluginDeploymentFailed (422), ApplianceSealed, ApplianceUnreachable for a dropped upload.</exception>
    public SpsInstalledPlugin UploadPlugin(Stream zip, long length, IProgress<long>? progress = null)
    {
        var request = new SpsApplianceRequest("POST", "upload/plugins")
        {
            Body = zip,
            ContentType = "application/zip",
            UploadProgress = progress,
            Timeout = transport.UploadTimeout(length),
        };
        var response = Send(request, ApplianceFailures.ForUpload, length);
        return ApplianceTransactions.Uploaded(this, response.Body)
            ?? throw new SpsPluginException(SpsPluginErrorId.ApplianceRequestFailed,
                $"{Appliance}: POST /api/upload/plugins answered {response.StatusCode} without the plugin's key and type (meta.href): {ApplianceFailures.Excerpt(response.Text)}");
    }

    /// <summary>Removes an installed plugin (DELETE /api/configuration/plugins/&lt;type&gt;/&lt;key&gt;) in the open transaction.</summary>
    /// <exception cref="SpsPluginException">PluginInUse (400 SemanticError), PluginNotInstalled (404), ApplianceSealed.</exception>
    public void RemovePlugin(SpsPluginType type, string key)
    {
        if (type == null)
        {
            throw new ArgumentNullException(nameof(type));
        }
        Send(new SpsApplianceRequest("DELETE", $"configuration/plugins/{Uri.EscapeDataString(type.RestKey)}/{Uri.EscapeDataString(key)}"), ApplianceFailures.ForRemove);
    }

    /// <summary>
    /// Removes an installed plugin; a 400 SemanticError becomes PluginInUse naming the plugin, the appliance
    /// and where to free it.
    /// </summary>
    /// <exception cref="SpsPluginException">PluginInUse, PluginNotInstalled, ApplianceSealed, ApplianceArgumentInvalid for a type SpsPlugin does not know.</exception>
    public void RemovePlugin(SpsInstalledPlugin plugin)
    {
        if (plugin == null)
        {
            throw new ArgumentNullException(nameof(plugin));
        }
        var type = SpsPluginType.Find(plugin.Type) ?? throw new SpsPluginException(SpsPluginErrorId.ApplianceArgumentInvalid,
            $"{Appliance}: '{plugin.Type}' is not a plugin type SpsPlugin knows ({string.Join(", ", SpsPluginType.Known)}), so {plugin.Name ?? plugin.Key} cannot be removed with it; use Invoke-SpsPluginRestMethod {plugin.Href} -Method DELETE.");
        try
        {
            RemovePlugin(type, plugin.Key);
        }
        catch (SpsPluginException failure) when (failure.ErrorId == SpsPluginErrorId.PluginInUse)
        {
            var where = type == SpsPluginType.Aa
                ? "an AA Plugin Configuration: remove it from the AA Plugin Configurations (Policies > AA Plugin Configurations) first"
                : "a policy: remove it from the policies that name it (for a credential store plugin, Policies > Credential Stores) first";
            throw new SpsPluginException(SpsPluginErrorId.PluginInUse,
                $"{plugin.Name ?? plugin.Key} on {Appliance} is still used by {where}. ({failure.Message})", innerException: failure);
        }
    }

    /// <summary>
    /// Runs one change inside a transaction: the one rule of the module's changes. With <paramref name="commit"/>
    /// and no transaction open, it opens one, commits it after the change (with <paramref name="commitMessage"/>)
    /// and cancels it when the change or the commit fails. Otherwise the change joins the open transaction (or
    /// the one SPS opens for it) and is left to the caller: a transaction this call did not open is never
    /// committed or cancelled here.
    /// </summary>
    /// <returns>True when the change was committed here; false when it waits in the caller's transaction.</returns>
    /// <exception cref="SpsPluginException">
    /// The change's or the commit's failure, its message saying what became of the transaction this call
    /// opened: cancelled, or not, when the cancel failed too (that failure is never lost).
    /// </exception>
    public bool RunInTransaction(Action change, bool commit, string? commitMessage = null, Action<string>? verbose = null)
    {
        if (change == null)
        {
            throw new ArgumentNullException(nameof(change));
        }
        var own = commit && !GetTransaction().IsOpen;
        if (own)
        {
            OpenTransaction();
            verbose?.Invoke($"{Appliance}: opened a transaction for the change.");
        }
        try
        {
            change();
            if (own)
            {
                CommitTransaction(commitMessage);
                verbose?.Invoke($"{Appliance}: committed the transaction.");
            }
            return own;
        }
        catch (SpsPluginException failure) when (own)
        {
            throw new SpsPluginException(failure.ErrorId, $"{failure.Message} {CancelOwn()}", failure.Path, failure.Diagnostics, failure);
        }
    }

    /// <summary>
    /// The integrity check of an installed plugin (GET /api/plugin/integrity?key&amp;plugin_type&amp;ops=...):
    /// one check per operation, every operation when <paramref name="operations"/> is null or empty.
    /// </summary>
    /// <exception cref="SpsPluginException">PluginNotInstalled (404) when the plugin is gone.</exception>
    public SpsPluginIntegrityResult CheckIntegrity(SpsInstalledPlugin plugin, IReadOnlyList<string>? operations = null)
    {
        if (plugin == null)
        {
            throw new ArgumentNullException(nameof(plugin));
        }
        var ops = operations is { Count: > 0 } ? operations : SpsIntegrityOperation.All;
        var request = new SpsApplianceRequest("GET", "plugin/integrity");
        request.Query["key"] = plugin.Key;
        request.Query["plugin_type"] = SpsPluginType.Find(plugin.Type)?.RestKey ?? plugin.Type;
        request.Query["ops"] = ops;
        return SpsPluginIntegrityResult.Read(plugin, ops, Send(request, ApplianceFailures.ForPlugin).Body);
    }

    /// <summary>
    /// Forgets the session: SPS documents no logout, so the cookie is dropped here and the appliance
    /// ends the session after its idle timeout.
    /// </summary>
    public void Disconnect() => Dispose();

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            cookie = null;
        }
        login.Dispose();
        transport.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{UserName}@{Appliance}";

    private SpsApplianceTransaction ReadTransaction(object? body)
    {
        var transaction = ApplianceTransactions.Read(this, Appliance, body, PendingChanges);
        lock (gate)
        {
            transactionOpen = transaction.IsOpen;
        }
        return transaction;
    }

    // The list behind meta.changes' link. Unknown (null) rather than a failure: the state of the transaction
    // was read, and a count that cannot be read must not be given as zero.
    private IReadOnlyList<object?>? PendingChanges(string link)
    {
        try
        {
            return ApplianceTransactions.Changes(Send(new SpsApplianceRequest("GET", link), null).Body);
        }
        catch (SpsPluginException)
        {
            return null;
        }
    }

    // Cancelling is cleanup after a failure that is already being reported: a cancel that fails too (the
    // session expired, the appliance went away) is said beside that failure rather than thrown in its place;
    // SPS drops a transaction whose session ends anyway.
    private string CancelOwn()
    {
        try
        {
            CancelTransaction();
            return "The transaction opened for it was cancelled; nothing was changed.";
        }
        catch (SpsPluginException cancel)
        {
            return $"Cancelling the transaction opened for it failed too ({cancel.Message}); check it with Get-SpsPluginTransaction and cancel it (Undo-SpsPluginTransaction).";
        }
    }

    private SpsApplianceResponse Send(SpsApplianceRequest request, Func<int, ApplianceError, SpsPluginErrorId?>? special, long? length = null)
    {
        var isGet = request.IsRead;
        string? sent;
        lock (gate)
        {
            if (closed)
            {
                throw new SpsPluginException(SpsPluginErrorId.NoApplianceSession,
                    $"The session {this} was disconnected; run Connect-SpsPluginAppliance again.");
            }
            sent = cookie;
        }
        if (DateTimeOffset.UtcNow - LastActivity > idleTimeout)
        {
            // Known to be expired before sending: SPS forgot the session after its idle time.
            sent = Renew(request, sent, $"it was idle for more than {idleTimeout.TotalMinutes:0.#} minutes");
        }
        var response = transport.Send(request, sent, length);
        if (response.StatusCode == 401)
        {
            sent = Renew(request, sent, "the appliance answered 401 (the session expired or was ended)");
            response = transport.Send(request, sent, length);
        }
        if (response.StatusCode == 401)
        {
            throw Expired(request, "the appliance answered 401 again after a new login");
        }
        Touch();
        ApplianceFailures.ThrowIfFailed(Appliance, request, response, special);
        if (!isGet)
        {
            lock (gate)
            {
                // POST /api/transaction opens one, PUT (commit) and DELETE (cancel) close it; any other
                // change opens one implicitly (reference §7), so a renewal would lose it.
                transactionOpen = response.Url.Split('?')[0] != TransactionUrl || string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase);
            }
        }
        return response;
    }

    // A new login ONLY for a GET outside a transaction, with a credential kept: a transaction dies with
    // its session, so a change sent on a fresh session would land in a new transaction the caller does
    // not know about, and a repeated change is not the same as one change.
    private string? Renew(SpsApplianceRequest request, string? stale, string why)
    {
        lock (gate)
        {
            if (!request.IsRead || transactionOpen || !login.CanRenew)
            {
                throw Expired(request, why);
            }
            if (cookie == stale)
            {
                LogIn();
            }
            return cookie;
        }
    }

    private SpsPluginException Expired(SpsApplianceRequest request, string why)
    {
        var reason = !request.IsRead ? "it changes the configuration"
            : transactionOpen ? "a transaction was open, and it ended with the session"
            : "the session holds no credential to log in again with";
        return new SpsPluginException(SpsPluginErrorId.ApplianceSessionExpired,
            $"{Appliance}: the session of {UserName} expired ({why}); {request.Method} {transport.UrlOf(request).Shown} was not repeated on a new session because {reason}. Run Connect-SpsPluginAppliance again and repeat the work.");
    }

    private void LogIn()
    {
        var response = transport.Send(login.Request(), null, null, login.Authorization());
        if (response.StatusCode == 401 || response.StatusCode == 403)
        {
            var error = ApplianceError.From(response.Body);
            throw new SpsPluginException(SpsPluginErrorId.ApplianceLoginFailed,
                $"{Appliance}: the appliance refused the login of {login.UserName} ({login.AuthenticationType}{(login.LoginMethod == null ? string.Empty : ", login method " + login.LoginMethod)}): {response.StatusCode} {error.Describe()}. Check the user name, password or certificate and the login method, and that the user has the REST server privilege.");
        }
        ApplianceFailures.ThrowIfFailed(Appliance, login.Request(), response, null);
        var fresh = response.SessionCookie ?? throw new SpsPluginException(SpsPluginErrorId.ApplianceLoginFailed,
            $"{Appliance}: GET /api/authentication answered {response.StatusCode} but set no session_id cookie; the address may not be an SPS appliance.");
        lock (gate)
        {
            cookie = fresh;
            transactionOpen = false;
        }
        LoginTime = DateTimeOffset.UtcNow;
        Touch();
    }

    private void ReadRelease(Action<string>? verbose)
    {
        foreach (var (url, read) in ReleaseSources)
        {
            try
            {
                var version = read(Send(new SpsApplianceRequest("GET", url), null).Body);
                if (!string.IsNullOrEmpty(version))
                {
                    Release = version;
                    ReleaseSource = "/api/" + url;
                    verbose?.Invoke($"{Appliance}: SPS release {version} (from {ReleaseSource}).");
                    return;
                }
                verbose?.Invoke($"{Appliance}: /api/{url} did not report the release.");
            }
            catch (SpsPluginException failure)
            {
                // The release is optional: a REST user without the privilege to read it still connects.
                verbose?.Invoke($"{Appliance}: the release could not be read from /api/{url}: {failure.Message}");
            }
        }
        ReleaseSource = "not reported: neither /api/firmware/slots nor /api/info could be read";
    }

    // The firmware slot that runs now, else /api/info's firmware_version (authenticated answer).
    private static readonly (string Url, Func<object?, string?> Read)[] ReleaseSources =
    {
        ("firmware/slots", body => ApplianceJson.Items(body)
            .Where(item => ApplianceJson.Get(item, "body", "current") is true)
            .Select(item => ApplianceJson.Text(item, "body", "version")).FirstOrDefault()),
        ("info", body => ApplianceJson.Text(body, "body", "firmware_version")),
    };

    private void Touch() => System.Threading.Interlocked.Exchange(ref lastActivityTicks, DateTimeOffset.UtcNow.UtcTicks);
}
