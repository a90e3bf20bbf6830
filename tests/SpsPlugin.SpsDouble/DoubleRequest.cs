namespace SpsPlugin.ApplianceDouble;

/// <summary>
/// One request the double answered, for tests that check what a client sent. Status 0 means the double
/// dropped the connection instead of answering. Never the body, cookies or Authorization header.
/// </summary>
public sealed record DoubleRequest(
    string Method,
    string Path,
    string Query,
    int Status,
    bool HadXToken,
    bool HadSessionCookie,
    string? UserAgent,
    string? ContentType,
    long? ContentLength);
