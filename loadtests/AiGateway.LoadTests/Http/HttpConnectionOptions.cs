namespace AiGateway.LoadTests;

/// <summary>Connection settings of the client the runner uses against one target.</summary>
public sealed class HttpConnectionOptions
{
    /// <summary>Most open connections to the target. Default 10,000, enough for 10,000 concurrent streams.</summary>
    public int MaxConnectionsPerServer { get; init; } = 10_000;

    /// <summary>TCP connect timeout. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        if (MaxConnectionsPerServer < 1)
        {
            throw new ArgumentException($"MaxConnectionsPerServer must be >= 1 (got {MaxConnectionsPerServer}).");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"ConnectTimeout must be positive (got {ConnectTimeout}).");
        }
    }
}
