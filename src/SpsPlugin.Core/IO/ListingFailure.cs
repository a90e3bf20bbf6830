namespace SpsPlugin.IO;

/// <summary>
/// Which exceptions mean "this file or folder cannot be listed or read", a failure of that one entry, as
/// opposed to a bug. Beyond .NET's IOException (PathTooLongException included) and access denied, .NET
/// Framework (Windows PowerShell 5.1) throws NotSupportedException for a name with ':' and ArgumentException
/// for characters it calls illegal, and Mono throws ArgumentException ("not of a legal form") for a folder it
/// may not read.
/// </summary>
internal static class ListingFailure
{
    public static bool Is(System.Exception error) =>
        error is System.IO.IOException || error is System.UnauthorizedAccessException || error is System.NotSupportedException
        || error is System.ArgumentException || error is System.Security.SecurityException;
}
