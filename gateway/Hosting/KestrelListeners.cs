using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AiGateway.Hosting;

/// <summary>Binds the proxy and admin URLs on Kestrel and tags each connection with its listener.</summary>
internal static class KestrelListeners
{
    public static void Bind(KestrelServerOptions kestrel, string urls, ListenerKind kind, ListenerAddresses addresses)
    {
        var feature = kind == ListenerKind.Admin ? ListenerFeature.Admin : ListenerFeature.Proxy;
        foreach (var url in Split(urls))
        {
            var (address, port) = Parse(url);
            void Configure(ListenOptions options)
            {
                options.Use(next => connection =>
                {
                    connection.Features.Set(feature);
                    return next(connection);
                });
                addresses.Add(kind, options);
            }

            if (address is null)
            {
                kestrel.ListenAnyIP(port, Configure);
            }
            else
            {
                kestrel.Listen(address, port, Configure);
            }
        }
    }

    public static IEnumerable<string> Split(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Parses <c>http://host:port</c>; host <c>*</c>, <c>+</c> or <c>0.0.0.0</c> means every interface.</summary>
    public static (IPAddress? Address, int Port) Parse(string url)
    {
        var normalised = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
        {
            throw new FormatException($"'{url}' is not an http://host:port URL. Terminate TLS in front of the gateway.");
        }
        if (uri.Host == "localhost")
        {
            return (IPAddress.Loopback, uri.Port);
        }
        if (!IPAddress.TryParse(uri.Host, out var address))
        {
            throw new FormatException($"'{url}': use an IP address, localhost or * as host.");
        }
        return (address.Equals(IPAddress.Any) ? null : address, uri.Port);
    }
}
