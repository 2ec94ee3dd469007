namespace AiGateway.Keys;

/// <summary>Where upstream keys come from (section <c>Keys</c>).</summary>
public sealed class KeysOptions
{
    public const string SectionName = "Keys";

    /// <summary><c>File</c> (embedded default: <see cref="File"/> plus the environment) or <c>Vault</c> (see the <c>Vault</c> section).</summary>
    public KeyProviderKind Provider { get; set; } = KeyProviderKind.File;

    /// <summary>
    /// JSON file mapping key references to keys: <c>{"creds/rag-production": {"api_key": "sk-…", "key_id": "…"}}</c>
    /// or <c>{"creds/rag-production": "sk-…"}</c>. Default: <c>upstream-keys.json</c> in the data folder (optional).
    /// Reloaded when it changes.
    /// </summary>
    public string? File { get; set; }

    /// <summary>Environment variable whose value is the key for every team without a key of its own. Default HOLYSHEEP_API_KEY.</summary>
    public string DefaultKeyVariable { get; set; } = "HOLYSHEEP_API_KEY";
}

/// <summary>Where upstream keys come from.</summary>
public enum KeyProviderKind
{
    File,
    Vault,
}
