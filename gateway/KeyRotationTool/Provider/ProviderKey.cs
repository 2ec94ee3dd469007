namespace AiGateway.KeyRotation.Provider;

/// <summary>
/// A key the provider just created. <see cref="ToString"/> shows the id only, so the value cannot reach
/// a log or the console by accident; the only reader of <see cref="Value"/> is the Vault write.
/// </summary>
internal sealed class ProviderKey
{
    public ProviderKey(string id, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Id = id;
        Value = value;
    }

    /// <summary>The provider's id for the key; safe to log.</summary>
    public string Id { get; }

    /// <summary>The secret itself.</summary>
    public string Value { get; }

    public override string ToString() => $"ProviderKey {{ Id = {Id} }}";
}
