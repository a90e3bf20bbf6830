namespace SpsPlugin;

/// <summary>Whether a plugin of the hook's type must implement the hook (reference §3.1, §4.1, §4.4).</summary>
public enum SpsHookRequirement
{
    /// <summary>Documented as "must be implemented".</summary>
    Required,

    /// <summary>The plugin must implement at least one of its type's hooks marked so (get_password_list and/or get_private_key_list).</summary>
    OneOfAlternatives,

    /// <summary>SPS calls it when the plugin has it and goes on without it otherwise.</summary>
    Optional,
}
