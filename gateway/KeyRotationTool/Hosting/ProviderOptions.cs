namespace AiGateway.KeyRotation.Hosting;

/// <summary>The provider's key-management API (section <c>Provider</c>).</summary>
internal sealed class ProviderOptions
{
    public const string SectionName = "Provider";

    /// <summary>API base including the version path; keys are managed at <c>{BaseUrl}/keys</c>. Default https://api.holysheep.ai/v1.</summary>
    public string BaseUrl { get; set; } = "https://api.holysheep.ai/v1";

    /// <summary>File holding the management (admin) key. Preferred over <see cref="AdminKey"/>: a file stays out of configuration dumps and process listings.</summary>
    public string? AdminKeyFile { get; set; }

    /// <summary>The management key itself, when no file can be mounted (e.g. an environment variable from a secret store).</summary>
    public string? AdminKey { get; set; }

    /// <summary>Per-call timeout in seconds. Default 30.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
