namespace AiGateway.Proxy;

/// <summary>The proxy listener and request limits (section <c>Gateway</c>).</summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Where apps connect, <c>;</c>-separated (http only; terminate TLS in front). Default http://127.0.0.1:8080.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Largest request body accepted, in bytes; larger gets 413. Default 8 MiB.</summary>
    public int MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Folder for the embedded store (tokens, admin credentials, generated secrets). Default <c>data</c> under the content root.</summary>
    public string DataPath { get; set; } = "data";
}
