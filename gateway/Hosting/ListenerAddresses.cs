using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AiGateway.Hosting;

/// <summary>
/// The endpoints each listener is bound to. With port 0 the operating system picks the port; the bound
/// endpoint is known after start (tests use this to find the gateway).
/// </summary>
public sealed class ListenerAddresses
{
    private readonly List<ListenOptions> _proxy = [];
    private readonly List<ListenOptions> _admin = [];

    public IReadOnlyList<Uri> Proxy => _proxy.Select(ToUri).ToList();

    public IReadOnlyList<Uri> Admin => _admin.Select(ToUri).ToList();

    internal void Add(ListenerKind kind, ListenOptions options) => (kind == ListenerKind.Admin ? _admin : _proxy).Add(options);

    private static Uri ToUri(ListenOptions options)
    {
        var endpoint = options.IPEndPoint ?? throw new InvalidOperationException("Listener is not an IP endpoint.");
        var host = endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any) ? "127.0.0.1"
            : endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]"
            : endpoint.Address.ToString();
        return new Uri($"http://{host}:{endpoint.Port}");
    }
}
