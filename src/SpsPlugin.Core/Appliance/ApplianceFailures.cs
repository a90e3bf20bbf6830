using System;

namespace SpsPlugin;

/// <summary>
/// Turns an error status into the failure with the right id: what SPS documents first (411, sealed,
/// upload 400/422, remove 400/404), the lock conflict it does not document, then the generic one. Every
/// message names the appliance, the call, the status and SPS's error, never the cookie.
/// </summary>
internal static class ApplianceFailures
{
    /// <summary>Upload: 400 is a refused plugin (version not supported, InvalidPlugin), 422 one taken but not deployed (reference §7).</summary>
    public static SpsPluginErrorId? ForUpload(int status, ApplianceError error) => status switch
    {
        400 => SpsPluginErrorId.PluginUploadRefused,
        422 => SpsPluginErrorId.PluginDeploymentFailed,
        _ => null,
    };

    /// <summary>Remove: 400 SemanticError while a configuration uses the plugin, 404 for an unknown key (reference §7).</summary>
    public static SpsPluginErrorId? ForRemove(int status, ApplianceError error) => status switch
    {
        400 when error.Mentions("SemanticError") || error.Mentions("used") => SpsPluginErrorId.PluginInUse,
        404 => SpsPluginErrorId.PluginNotInstalled,
        _ => null,
    };

    /// <summary>A call about one installed plugin (the integrity check): 404 means it is not (or no longer) installed.</summary>
    public static SpsPluginErrorId? ForPlugin(int status, ApplianceError error) =>
        status == 404 ? SpsPluginErrorId.PluginNotInstalled : null;

    /// <exception cref="SpsPluginException">When the status is not 2xx.</exception>
    public static void ThrowIfFailed(string appliance, SpsApplianceRequest request, SpsApplianceResponse response,
        Func<int, ApplianceError, SpsPluginErrorId?>? special)
    {
        var status = response.StatusCode;
        if (status >= 200 && status < 300)
        {
            return;
        }
        var error = ApplianceError.From(response.Body);
        var id = Classify(status, error, special);
        var said = error.Describe();
        if (said.Length == 0)
        {
            said = response.Text is { Length: > 0 } text ? Excerpt(text) : "no error body";
        }
        throw new SpsPluginException(id,
            $"{appliance}: {response.Method} {response.Url} answered {status}: {said}. {Advice(id)}");
    }

    /// <summary>The first 300 characters of an answer's text, for a message: enough to recognise it, never a page of HTML.</summary>
    public static string Excerpt(string? text) =>
        text == null ? "(no body)" : text.Length <= 300 ? text : text.Substring(0, 300) + "...";

    private static SpsPluginErrorId Classify(int status, ApplianceError error, Func<int, ApplianceError, SpsPluginErrorId?>? special)
    {
        if (status == 411)
        {
            return SpsPluginErrorId.ApplianceLengthRequired;
        }
        if (error.Mentions("sealed"))
        {
            return SpsPluginErrorId.ApplianceSealed;
        }
        if (special?.Invoke(status, error) is { } own)
        {
            return own;
        }
        // SPS documents no answer for a configuration lock held by someone else (reference §7). The most
        // cautious reading: 409 Conflict and 423 Locked, or an error that speaks of a lock, are a conflict,
        // which the caller must not resolve by retrying or cancelling someone else's transaction.
        if (status == 409 || status == 423 || error.Mentions("lock"))
        {
            return SpsPluginErrorId.ApplianceTransactionConflict;
        }
        return SpsPluginErrorId.ApplianceRequestFailed;
    }

    private static string Advice(SpsPluginErrorId id) =>
        id == SpsPluginErrorId.PluginDeploymentFailed
            ? "The plugin was uploaded but not deployed: the upload is pending in the open transaction; cancel it (Undo-SpsPluginTransaction) or fix the cause and upload again."
            : char.ToUpperInvariant(id.RecommendedAction[0]) + id.RecommendedAction.Substring(1) + ".";
}
