using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin.Validation.Rules;

/// <summary>
/// The default.cfg of the bundle, checked as Test-SpsPluginConfig checks a policy (configparser
/// syntax and the SDK's traps); one catalogue entry per configuration rule id.
/// </summary>
internal sealed class DefaultConfigRule : BundleRule
{
    public DefaultConfigRule(string id, Severity severity, string title, string description, string fix)
        : base(id, "Config", severity, title, description, fix)
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context) =>
        context.DefaultConfigFindings.Where(f => f.RuleId == Descriptor.Id)
            .Select(f => new SpsPluginDiagnostic(f.RuleId, Descriptor.Severity, f.Message, context.Path, "default.cfg", f.Line, f.Column, f.SuggestedFix ?? Descriptor.Fix));

    public static IEnumerable<DefaultConfigRule> All()
    {
        yield return new DefaultConfigRule("ConfigSyntaxError", Severity.Error, "default.cfg has a line configparser cannot read",
            "The SDK reads the configuration with configparser; a line that is neither a section, an option nor a comment fails every hook.", "fix the line, or comment it out");
        yield return new DefaultConfigRule("ConfigMissingSectionHeader", Severity.Error, "default.cfg has text before its first section",
            "configparser stops at an option that comes before any [section].", "put a [section] line first");
        yield return new DefaultConfigRule("ConfigDuplicateSection", Severity.Error, "default.cfg has a section twice",
            "configparser (strict) stops at a repeated section.", "merge the two sections");
        yield return new DefaultConfigRule("ConfigDuplicateOption", Severity.Error, "default.cfg has an option twice in a section",
            "configparser (strict) stops at a repeated option; names are compared lower-cased.", "keep one of them");
        yield return new DefaultConfigRule("ConfigEncoding", Severity.Error, "default.cfg is not UTF-8 text",
            "The configuration must be UTF-8 text.", "save default.cfg as UTF-8");
        yield return new DefaultConfigRule(SpsPluginConfigRules.SecretSectionName, Severity.Error, "A '$' value sits in a section that is not a host name",
            "The SDK fetches '$' values from the local Credential Store with the section name as the host; '_' or spaces break the lookup. Judged where the value is read: a '$' reached through %(name)s, or inherited from [DEFAULT] into such a section, counts.", "rename the section to a host name (letters, digits, '-', '.')");
        yield return new DefaultConfigRule(SpsPluginConfigRules.SecretWithoutStore, Severity.Error, "A '$' value without [credential_store] name",
            "A '$' value needs the name of the local Credential Store to fetch it from.", "set [credential_store] name");
        yield return new DefaultConfigRule(SpsPluginConfigRules.Placeholder, Severity.Error, "An enabled option still holds a <placeholder>",
            "A policy check of the text: template options belong commented out ('; name=<value>'); an enabled placeholder reaches the plugin as is.", "comment the option out, or give a real default");
        yield return new DefaultConfigRule(SpsPluginConfigRules.Interpolation, Severity.Error, "A '%' fails the SDK's interpolation",
            "The SDK reads values with configparser interpolation: a literal % must be %%.", "write %%");
        yield return new DefaultConfigRule(SpsPluginConfigRules.InterpolationTooLarge, Severity.Error, "A value's interpolation multiplies past every reasonable size",
            "References that repeat other references multiply (ten options naming the next ten times expand 10^10-fold); configparser would spend minutes and gigabytes on such a value, so SpsPlugin stops at 100,000 substitutions or 1 MiB.",
            "write the value out, or refer to each option once");
        yield return new DefaultConfigRule(SpsPluginConfigRules.Boolean, Severity.Error, "A boolean other than yes or no",
            "The SDK's getboolean accepts only yes and no in any letter case, and raises on anything else, the empty value too. Judged on the value as read: interpolated, and inherited from [DEFAULT] where a section reads it; the getter of an option comes from its template (all yes/no) or the SDK's common sections.",
            "write yes or no");
        yield return new DefaultConfigRule(SpsPluginConfigRules.Number, Severity.Error, "A number the SDK's getint or getfloat rejects",
            "Where the template shows a whole number (or a decimal), or the SDK's common sections say so ([https-proxy] port, [authentication_cache], [connection_limit] limit), the plugin reads the option with getint (getfloat), which raises on what Python's int() (float()) rejects: words, '3.0' for getint, '2,5', the empty value. Judged on the value as read.",
            "write a number such as the template's");
        yield return new DefaultConfigRule(SpsPluginConfigRules.LogLevel, Severity.Error, "[logging] log_level is not a level",
            "log_level must be debug, info, warning, error or critical. A policy check of the value as read: the SDK's get() returns any text, and the plugin fails when it sets up its logging.",
            "use one of those levels");
        yield return new DefaultConfigRule(SpsPluginConfigRules.PlaintextSecret, Severity.Warning, "A literal secret where the template asks for '$'",
            "A policy check: where the plugin's template shows '$' or '<$-or-…>', the SDK also reads a literal value, but the secret then sits in the configuration in plain text instead of the local Credential Store.",
            "write '$' and store the value in the local Credential Store");
    }
}
