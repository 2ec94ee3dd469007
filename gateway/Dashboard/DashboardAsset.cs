using Microsoft.AspNetCore.Http;

namespace AiGateway.Dashboard;

/// <summary>
/// One file of the finance page, read once from the assembly's embedded resources and served as-is with
/// the page's security headers. Loaded when the endpoints are mapped, so a missing resource stops start-up.
/// </summary>
internal sealed class DashboardAsset : IResult
{
    private const string ResourcePrefix = "AiGateway.Dashboard.Assets.";

    // The page fetches only its own script, style and the admin API; nothing inline, nothing from elsewhere.
    // A team or app name that slipped markup into the DOM could therefore still not run or load anything.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private readonly byte[] _content;
    private readonly string _contentType;

    private DashboardAsset(byte[] content, string contentType)
    {
        _content = content;
        _contentType = contentType;
    }

    public static DashboardAsset Load(string fileName, string contentType)
    {
        var name = ResourcePrefix + fileName;
        using var stream = typeof(DashboardAsset).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(
                $"Embedded resource '{name}' is missing: AiGateway.csproj must embed gateway/Dashboard/Assets/{fileName} (<EmbeddedResource Include=\"Dashboard/Assets/*\" />).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new DashboardAsset(copy.ToArray(), contentType);
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        // The page is tiny and an admin listener is not a CDN: no-store keeps an old script from outliving an upgrade.
        headers.CacheControl = "no-store";
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = _contentType;
        response.ContentLength = _content.Length;
        return response.Body.WriteAsync(_content, httpContext.RequestAborted).AsTask();
    }
}
