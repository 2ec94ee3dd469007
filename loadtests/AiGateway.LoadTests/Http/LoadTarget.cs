namespace AiGateway.LoadTests;

/// <summary>A named OpenAI-compatible endpoint to load, e.g. <c>direct=http://127.0.0.1:5080/v1</c>.</summary>
public sealed record LoadTarget
{
    /// <summary>Creates a target; refuses anything but loopback and an empty token.</summary>
    public LoadTarget(string name, Uri baseUrl, string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        LoopbackGuard.EnsureLoopback(baseUrl, name);
        Name = name;
        BaseUrl = baseUrl;
        Token = token.Trim();
    }

    /// <summary>Name used in reports and for <c>--baseline</c>.</summary>
    public string Name { get; }

    /// <summary>OpenAI base URL including <c>/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Bearer token sent on every request.</summary>
    public string Token { get; }

    /// <summary>The absolute URL of <paramref name="path"/> (e.g. <c>chat/completions</c>) under <see cref="BaseUrl"/>.</summary>
    public Uri Endpoint(string path) => new(BaseUrl.AbsoluteUri.TrimEnd('/') + "/" + path);

    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"{Name}={BaseUrl}";
}
