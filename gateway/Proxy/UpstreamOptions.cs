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

    /// <summary>
    /// HTTP version to the upstream: <c>auto</c> (default: HTTP/2 when the upstream offers it over TLS, else
    /// HTTP/1.1), <c>1.1</c>, or <c>2</c> (HTTP/2 only, also over plain http as h2c). HTTP/2 carries many
    /// streams per connection, so long-lived streams do not each hold a socket to the upstream.
    /// </summary>
    public string HttpVersion { get; set; } = "auto";
}
