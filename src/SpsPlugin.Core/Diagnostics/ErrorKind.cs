namespace SpsPlugin;

/// <summary>
/// The broad kind of a failure. The names match <c>System.Management.Automation.ErrorCategory</c>
/// members one to one, so the cmdlet layer maps them by name while Core stays free of PowerShell.
/// </summary>
public enum ErrorKind
{
    /// <summary>A file, folder or zip entry that should exist does not.</summary>
    ObjectNotFound,

    /// <summary>The content exists but is malformed (a broken zip, a MANIFEST that is not a mapping).</summary>
    InvalidData,

    /// <summary>The text could not be parsed (YAML or INI syntax).</summary>
    ParserError,

    /// <summary>An argument given by the caller is not acceptable.</summary>
    InvalidArgument,

    /// <summary>Something would be overwritten without permission.</summary>
    ResourceExists,

    /// <summary>The input uses a construct SpsPlugin does not support (and will not guess at).</summary>
    NotImplemented,

    /// <summary>Reading or writing failed at the operating-system level.</summary>
    ReadError,

    /// <summary>The input is larger than SpsPlugin accepts for it.</summary>
    LimitsExceeded,

    /// <summary>Something (a plugin) gave back a result that cannot be used.</summary>
    InvalidResult,

    /// <summary>The operation cannot go on in the current state (an unanswered question).</summary>
    InvalidOperation,

    /// <summary>Writing a file failed at the operating-system level.</summary>
    WriteError,

    /// <summary>The operation was refused because it could write where it must not (through a link).</summary>
    SecurityError,

    /// <summary>A server the operation needs (a package index) could not be reached.</summary>
    ConnectionError,

    /// <summary>The appliance refused the credentials, or a session it had given expired.</summary>
    AuthenticationError,

    /// <summary>A server did not answer within the time allowed.</summary>
    OperationTimeout,
}
