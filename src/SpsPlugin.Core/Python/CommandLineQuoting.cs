using System;
using System.Text;

namespace SpsPlugin;

/// <summary>
/// One argument written into <see cref="System.Diagnostics.ProcessStartInfo.Arguments"/> so that it reaches the
/// program unchanged (netstandard2.0 has no ArgumentList). Who splits the line decides the rules: .NET on any
/// OS and Windows programs use the Windows rules; Mono on Unix splits it with shell rules (g_shell_parse_argv),
/// where a backslash inside double quotes escapes the next character, so a script's "\\u" became "\u".
/// </summary>
internal static class CommandLineQuoting
{
    /// <summary>Whether this process runs on Mono outside Windows (the .NET Framework API set the tests run on).</summary>
    public static readonly bool ShellRules = Type.GetType("Mono.Runtime") != null && System.IO.Path.DirectorySeparatorChar == '/';

    /// <summary>The quoted arguments for this runtime, joined by spaces.</summary>
    public static string Join(string[] arguments) => string.Join(" ", Array.ConvertAll(arguments, a => Quote(a, ShellRules)));

    /// <summary>One argument quoted for a splitter with shell rules, or else with the Windows rules.</summary>
    public static string Quote(string argument, bool shellRules) => shellRules ? ShellQuote(argument) : WindowsQuote(argument);

    // Everything inside single quotes is literal; a single quote itself ends the quoting, is escaped, and resumes it.
    private static string ShellQuote(string argument) => "'" + argument.Replace("'", "'\\''") + "'";

    // Backslashes are literal unless they precede a quote, where they double and the quote gets one more.
    private static string WindowsQuote(string argument)
    {
        var text = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            if (c == '"')
            {
                text.Append('\\', backslashes * 2 + 1).Append('"');
            }
            else
            {
                text.Append('\\', backslashes).Append(c);
            }
            backslashes = 0;
        }
        return text.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
