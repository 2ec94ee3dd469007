namespace AiGateway.Proxy;

/// <summary>The OpenAI-compatible API the gateway forwards to (section <c>Upstream</c>).</summary>
public sealed class UpstreamOptions
{
    public const string SectionName = "Upstream";

    /// <summary>Base URL including the API version path. Default https://api.holysheep.ai/v1.</summary>
    public string BaseUrl { get; set; } = "https://api.holysheep.ai/v1";

    /// <summary>Longest silence allowed while waiting for upstream bytes (headers or the next stream chunk), in seconds; then 504. Default 120.</summary>
    public int ActivityTimeoutSeconds { get; set; } = 120;

    /// <summary>TCP/TLS connect timeout to the upstream, in seconds; then 502. Default 10.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 10;
}
