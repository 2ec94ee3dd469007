using System.Net;

namespace AiGateway.LoadTests;

/// <summary>
/// Refuses every target that is not on this machine. This is a load tool: pointed at a real provider it would
/// burn money and break terms of service, so only 127.0.0.0/8, ::1 and <c>localhost</c> are allowed.
/// </summary>
public static class LoopbackGuard
{
    /// <summary>True when <paramref name="url"/> is http(s) on a loopback host.</summary>
    public static bool IsLoopback(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        // No DNS lookup on purpose: a name other than localhost could resolve anywhere, now or later.
        var host = url.IdnHost;
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Throws <see cref="ArgumentException"/> with an explanation when <paramref name="url"/> is not loopback.</summary>
    public static void EnsureLoopback(Uri url, string targetName)
    {
        if (!IsLoopback(url))
        {
            throw new ArgumentException(
                $"Target '{targetName}' ({url}) is not a loopback address. aigw-load only sends load to 127.0.0.0/8, ::1 or " +
                "localhost over http(s), so it can never hit a real provider; run the gateway or the simulator locally.");
        }
    }
}
