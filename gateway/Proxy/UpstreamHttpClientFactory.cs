using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace AiGateway.Proxy;

/// <summary>YARP's pooled upstream client, with the connect timeout from <see cref="UpstreamOptions"/>.</summary>
internal sealed class UpstreamHttpClientFactory : ForwarderHttpClientFactory
{
    private readonly TimeSpan _connectTimeout;

    public UpstreamHttpClientFactory(IOptions<UpstreamOptions> options, ILogger<ForwarderHttpClientFactory> logger)
        : base(logger)
    {
        _connectTimeout = TimeSpan.FromSeconds(options.Value.ConnectTimeoutSeconds);
    }

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = _connectTimeout;
    }
}
