using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SpsPlugin.ApplianceDouble;

/// <summary>
/// What the appliance knows: sessions, the one configuration transaction, the installed plugins and the
/// folders on its disk. Every member takes the one lock, so requests from parallel clients see whole steps.
/// </summary>
internal sealed class ApplianceState
{
    private readonly object _gate = new();
    private readonly SpsDoubleOptions _options;
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private Dictionary<(string Type, string Key), DoublePlugin> _installed = new();
    private readonly Dictionary<string, SortedSet<string>> _unregistered = new(StringComparer.Ordinal);
    private Transaction? _transaction;

    public ApplianceState(SpsDoubleOptions options)
    {
        _options = options;
        Sealed = options.Sealed;
    }

    public bool Sealed { get; set; }

    private sealed record Session(string Id, string User, string LoginMethod)
    {
        public DateTimeOffset LastSeen { get; set; } = DateTimeOffset.UtcNow;
    }

    private sealed record Change(string Kind, string Href);

    // The transaction is the owner's working copy of the plugin set: commit makes it the installed set.
    private sealed class Transaction
    {
        public Transaction(string? sessionId, string user, Dictionary<(string, string), DoublePlugin> installed)
        {
            SessionId = sessionId;
            User = user;
            Working = new Dictionary<(string Type, string Key), DoublePlugin>(installed);
        }

        public string? SessionId { get; }
        public string User { get; }
        public DateTimeOffset OpenedAt { get; } = DateTimeOffset.UtcNow;
        public Dictionary<(string Type, string Key), DoublePlugin> Working { get; }
        public List<Change> Changes { get; } = new();
    }

    // ---- sessions ----

    public string Login(string user, string loginMethod)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        lock (_gate) _sessions[id] = new Session(id, user, loginMethod);
        return id;
    }

    /// <summary>The user of a live session, refreshing its idle clock; null when unknown or idle too long (then it is gone).</summary>
    public string? Touch(string? sessionId)
    {
        if (sessionId is null) return null;
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out var session)) return null;
            var now = DateTimeOffset.UtcNow;
            if (now - session.LastSeen > _options.IdleTimeout)
            {
                EndSession(sessionId);
                return null;
            }
            session.LastSeen = now;
            return session.User;
        }
    }

    public void ExpireSessions()
    {
        lock (_gate)
        {
            foreach (var id in _sessions.Keys.ToList()) EndSession(id);
        }
    }

    // Assumption (undocumented): a transaction dies with the session that opened it, like a web-interface
    // lock is released when its login ends; its pending changes are lost.
    private void EndSession(string id)
    {
        _sessions.Remove(id);
        if (_transaction?.SessionId == id) _transaction = null;
    }

    // ---- transaction ----

    /// <summary>Holds the configuration lock for a user with no REST session (a web-interface login, say).</summary>
    public void HoldLock(string otherUser)
    {
        lock (_gate) _transaction = new Transaction(null, otherUser, _installed);
    }

    public void ReleaseLock()
    {
        lock (_gate)
        {
            if (_transaction?.SessionId is null) _transaction = null;
        }
    }

    public ApiResult Open(string sessionId)
    {
        lock (_gate)
        {
            var error = OwnOrOpen(sessionId);
            return error ?? ApiResult.Ok(TransactionBody(sessionId));
        }
    }

    public ApiResult Status(string sessionId)
    {
        lock (_gate)
        {
            ExpireTransaction();
            return ApiResult.Ok(TransactionBody(sessionId));
        }
    }

    public ApiResult Changes(string sessionId)
    {
        lock (_gate)
        {
            ExpireTransaction();
            var changes = new JsonArray();
            if (_transaction?.SessionId == sessionId)
            {
                foreach (var change in _transaction.Changes)
                    changes.Add(new JsonObject { ["type"] = change.Kind, ["href"] = change.Href });
            }
            return ApiResult.Ok(new JsonObject { ["meta"] = ApiResult.Meta("/api/transaction/changes"), ["changes"] = changes });
        }
    }

    /// <summary>
    /// Commits this session's transaction. The commit response is not documented: assumed 200 with the
    /// transaction's body now closed. With no open transaction: assumed 400 SemanticError, so a client never
    /// believes something was committed when nothing was.
    /// </summary>
    public ApiResult Commit(string sessionId)
    {
        lock (_gate)
        {
            ExpireTransaction();
            if (_transaction is null || _transaction.SessionId != sessionId)
            {
                return LockedByOther(sessionId) ?? ApiResult.Error(400, "SemanticError",
                    "There is no open transaction to commit (it may have timed out).", "/api/transaction");
            }
            _installed = _transaction.Working;
            _transaction = null;
            return ApiResult.Ok(TransactionBody(sessionId));
        }
    }

    /// <summary>Cancels this session's transaction; assumed idempotent (200 also when none is open).</summary>
    public ApiResult Cancel(string sessionId)
    {
        lock (_gate)
        {
            ExpireTransaction();
            var locked = LockedByOther(sessionId);
            if (locked is not null) return locked;
            _transaction = null;
            return ApiResult.Ok(TransactionBody(sessionId));
        }
    }

    private ApiResult? OwnOrOpen(string sessionId)
    {
        ExpireTransaction();
        var locked = LockedByOther(sessionId);
        if (locked is not null) return locked;
        _transaction ??= new Transaction(sessionId, _sessions[sessionId].User, _installed);
        return null;
    }

    /// <summary>
    /// The answer when another session or user holds the lock. Undocumented on SPS: assumed 409 Conflict with
    /// code TransactionLocked and the holder's name in details, the most telling answer a client can act on.
    /// </summary>
    private ApiResult? LockedByOther(string sessionId)
    {
        if (_transaction is null || _transaction.SessionId == sessionId) return null;
        return ApiResult.Error(409, "TransactionLocked",
            $"The configuration is locked by another transaction of user '{_transaction.User}'.", "/api/transaction",
            new JsonObject { ["locked_by"] = _transaction.User });
    }

    private void ExpireTransaction()
    {
        if (_transaction is not null && DateTimeOffset.UtcNow - _transaction.OpenedAt > _options.TransactionTimeout) _transaction = null;
    }

    // Two shapes are documented ({"transaction":{"status"}} and safeguard-ps's .body/.meta): the double answers
    // the newer one read by safeguard-ps. meta.changes links the change list, as meta carries links elsewhere.
    private JsonObject TransactionBody(string sessionId)
    {
        var mine = _transaction is not null && _transaction.SessionId == sessionId;
        var meta = ApiResult.Meta("/api/transaction");
        meta["changes"] = "/api/transaction/changes";
        meta["remaining_seconds"] = mine
            ? Math.Max(0, (int)(_options.TransactionTimeout - (DateTimeOffset.UtcNow - _transaction!.OpenedAt)).TotalSeconds)
            : 0;
        return new JsonObject
        {
            ["key"] = "transaction",
            ["meta"] = meta,
            ["body"] = new JsonObject { ["status"] = mine ? "open" : "closed", ["commit_message"] = null },
        };
    }

    // ---- plugins ----

    /// <summary>
    /// The plugin set a session sees. Assumption: the session that holds the transaction sees its own pending
    /// changes (its working copy, as SPS configuration edits work); everyone else sees the committed set.
    /// </summary>
    public IReadOnlyList<DoublePlugin> Visible(string? sessionId, string type)
    {
        lock (_gate)
        {
            ExpireTransaction();
            var set = sessionId is not null && _transaction?.SessionId == sessionId ? _transaction.Working : _installed;
            return set.Values.Where(p => p.Type == type).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        }
    }

    public IReadOnlyList<DoublePlugin> Installed(string type) => Visible(null, type);

    public ApiResult Upload(string sessionId, DoubleManifest manifest, byte[] zip, bool deployFails)
    {
        lock (_gate)
        {
            var error = OwnOrOpen(sessionId);
            if (error is not null) return error;
            var working = _transaction!.Working;
            var existing = working.Values.FirstOrDefault(p => p.Type == manifest.Type && p.Name == manifest.Name);
            var key = existing?.Key ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            var plugin = new DoublePlugin(manifest.Type, key, manifest.Name, manifest.Description, manifest.Version, manifest.Api,
                manifest.ScbMinVersion, manifest.ScbMaxVersion, zip, Sha256(zip),
                deployFails ? Array.Empty<string>() : manifest.Entries, existing?.InUse ?? false);
            working[(plugin.Type, key)] = plugin;
            _transaction.Changes.Add(new Change(existing is null ? "create" : "update", plugin.Href));
            if (deployFails)
            {
                // Documented: 422 means uploaded but not deployed. Assumed: it stays a pending change with no
                // files on disk, so committing it anyway leaves a plugin whose zip_content check fails.
                return ApiResult.Error(422, "TransactionProcessingError",
                    $"The plugin '{plugin.Name}' was uploaded but deploying it failed.", plugin.Href,
                    new JsonObject { ["name"] = plugin.Name, ["type"] = plugin.Type });
            }
            return new ApiResult(201, new JsonObject
            {
                ["meta"] = new JsonObject { ["href"] = plugin.Href, ["parent"] = plugin.Parent },
                ["key"] = key,
                ["body"] = new JsonObject
                {
                    ["name"] = plugin.Name, ["description"] = plugin.Description, ["version"] = plugin.Version,
                    ["path"] = plugin.Path, ["api"] = plugin.Api,
                },
            });
        }
    }

    public ApiResult Delete(string sessionId, string type, string key)
    {
        lock (_gate)
        {
            ExpireTransaction();
            var href = $"/api/configuration/plugins/{type}/{key}";
            var visible = _transaction?.SessionId == sessionId ? _transaction.Working : _installed;
            if (!visible.TryGetValue((type, key), out var plugin)) return ApiResult.NotFound(href);
            if (plugin.InUse)
            {
                return ApiResult.Error(400, "SemanticError",
                    $"The plugin '{plugin.Name}' is still used by an AA Plugin Configuration.", href,
                    new JsonObject { ["plugin"] = plugin.Name, ["used_by"] = "AA Plugin Configuration" });
            }
            var error = OwnOrOpen(sessionId);
            if (error is not null) return error;
            _transaction!.Working.Remove((type, key));
            _transaction.Changes.Add(new Change("delete", href));
            return ApiResult.Ok(new JsonObject { ["meta"] = ApiResult.Meta(href) });
        }
    }

    // ---- what tests do to the disk behind the appliance's back ----

    public void MarkInUse(string type, string key, bool inUse = true) => Edit(type, key, p => p with { InUse = inUse });

    public void Tamper(string type, string key)
        => Edit(type, key, p =>
        {
            var bytes = (byte[])p.ZipBytes.Clone();
            bytes[bytes.Length / 2] ^= 0xFF;
            return p with { ZipBytes = bytes };
        });

    public void RemoveDeployedFile(string type, string key, string entry)
        => Edit(type, key, p => p with { DeployedEntries = p.DeployedEntries.Where(e => e != entry).ToList() });

    public void AddUnregistered(string type, string name)
    {
        lock (_gate)
        {
            if (!_unregistered.TryGetValue(type, out var names)) _unregistered[type] = names = new SortedSet<string>(StringComparer.Ordinal);
            names.Add(name);
        }
    }

    private void Edit(string type, string key, Func<DoublePlugin, DoublePlugin> edit)
    {
        lock (_gate)
        {
            if (!_installed.TryGetValue((type, key), out var plugin))
                throw new ArgumentException($"No installed {type} plugin has the key '{key}'.", nameof(key));
            _installed[(type, key)] = edit(plugin);
            if (_transaction?.Working.TryGetValue((type, key), out var pending) == true && ReferenceEquals(pending, plugin))
                _transaction.Working[(type, key)] = _installed[(type, key)];
        }
    }

    // ---- integrity ----

    public static readonly IReadOnlyList<string> IntegrityOps = new[] { "zip_checksum", "zip_content", "unregistered" };

    /// <summary>
    /// The integrity check of an installed plugin (reference §7, OI-REST 8.0): one {verdict, reason} per op,
    /// under body.&lt;op&gt;. zip_checksum: the stored zip's SHA-256 now vs at upload; zip_content: the deployed
    /// files vs the zip's entries; unregistered: folders in the type's plugin folder that no plugin owns
    /// (assumed meaning: the guide names the op but not what it inspects).
    /// </summary>
    public ApiResult Integrity(string type, string key, IReadOnlyList<string> ops)
    {
        lock (_gate)
        {
            var href = "/api/plugin/integrity";
            if (!_installed.TryGetValue((type, key), out var plugin)) return ApiResult.NotFound($"/api/configuration/plugins/{type}/{key}");
            var body = new JsonObject();
            foreach (var op in ops)
            {
                body[op] = op switch
                {
                    "zip_checksum" => Verdict(Sha256(plugin.ZipBytes) == plugin.RecordedSha256,
                        "The stored zip's SHA-256 differs from the one recorded at upload."),
                    "zip_content" => ZipContentVerdict(plugin),
                    _ => UnregisteredVerdict(type),
                };
            }
            return ApiResult.Ok(new JsonObject { ["key"] = key, ["meta"] = ApiResult.Meta(href), ["body"] = body });
        }
    }

    private static JsonObject ZipContentVerdict(DoublePlugin plugin)
    {
        var entries = DoubleManifest.Read(plugin.ZipBytes, out _)?.Entries;
        if (entries is null) return Verdict(false, "The stored zip cannot be read.");
        var missing = entries.Except(plugin.DeployedEntries).OrderBy(e => e, StringComparer.Ordinal).ToList();
        return Verdict(missing.Count == 0, $"Deployed files missing or changed: {string.Join(", ", missing)}");
    }

    private JsonObject UnregisteredVerdict(string type)
    {
        var names = _unregistered.TryGetValue(type, out var set) ? set : new SortedSet<string>();
        return Verdict(names.Count == 0, $"Folders no plugin owns under /opt/scb/var/plugins/{type}: {string.Join(", ", names)}");
    }

    private static JsonObject Verdict(bool passed, string failure)
        => new() { ["verdict"] = passed ? "passed" : "failed", ["reason"] = passed ? null : failure };

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
