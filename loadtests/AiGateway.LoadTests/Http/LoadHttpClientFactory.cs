using System.Net;

namespace AiGateway.LoadTests;

/// <summary>Creates the one <see cref="HttpMessageInvoker"/> shared by every request to a target.</summary>
public static class LoadHttpClientFactory
{
    /// <summary>A client tuned for load: a large connection pool that is never recycled, and nothing extra on the wire.</summary>
    public static HttpMessageInvoker Create(HttpConnectionOptions? options = null)
    {
        options ??= new HttpConnectionOptions();
        options.Validate();
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,

            // Recycling connections mid-run would add connect latency that belongs to the client, not the target.
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.ConnectTimeout,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,

            // No traceparent header per request: it costs an allocation and the target would start traces for it.
            ActivityHeadersPropagator = null,
        };
        return new HttpMessageInvoker(handler, disposeHandler: true);
    }
}
