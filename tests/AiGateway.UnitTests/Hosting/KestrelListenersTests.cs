using System.Net;
using AiGateway.Hosting;

namespace AiGateway.UnitTests.Hosting;

public class KestrelListenersTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", "127.0.0.1", 8080)]
    [InlineData("http://127.0.0.1:8080/", "127.0.0.1", 8080)]
    [InlineData("http://localhost:1", "127.0.0.1", 1)]
    [InlineData("http://LOCALHOST:5000", "127.0.0.1", 5000)]
    [InlineData("http://[::1]:9", "::1", 9)]
    [InlineData("http://10.1.2.3:0", "10.1.2.3", 0)]
    [InlineData("http://127.0.0.1", "127.0.0.1", 80)]
    [InlineData("HTTP://127.0.0.1:81", "127.0.0.1", 81)]
    public void Parse_SpecificAddress_ReturnsAddressAndPort(string url, string address, int port)
    {
        var (parsedAddress, parsedPort) = KestrelListeners.Parse(url);

        Assert.Equal(IPAddress.Parse(address), parsedAddress);
        Assert.Equal(port, parsedPort);
    }

    [Theory]
    [InlineData("http://*:80", 80)]
    [InlineData("http://+:8080", 8080)]
    [InlineData("http://0.0.0.0:80", 80)]
    public void Parse_AnyInterface_ReturnsNullAddress(string url, int port)
    {
        var (address, parsedPort) = KestrelListeners.Parse(url);

        Assert.Null(address);
        Assert.Equal(port, parsedPort);
    }

    [Theory]
    [InlineData("https://127.0.0.1:8443")]
    [InlineData("https://localhost:443")]
    [InlineData("http://127.0.0.1:8080/v1")]
    [InlineData("http://127.0.0.1:8080/gateway/")]
    [InlineData("http://example.com:80")]
    [InlineData("http://my-host:8080")]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData("unix:/tmp/gateway.sock")]
    public void Parse_Unsupported_ThrowsFormatException(string url)
    {
        var ex = Assert.Throws<FormatException>(() => KestrelListeners.Parse(url));

        Assert.Contains($"'{url}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Https_MessageSaysTerminateTls()
    {
        var ex = Assert.Throws<FormatException>(() => KestrelListeners.Parse("https://127.0.0.1:8443"));

        Assert.Contains("TLS", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Hostname_MessageSaysUseIpAddress()
    {
        var ex = Assert.Throws<FormatException>(() => KestrelListeners.Parse("http://example.com:80"));

        Assert.Contains("IP address", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1;http://127.0.0.1:2", new[] { "http://127.0.0.1:1", "http://127.0.0.1:2" })]
    [InlineData(" http://127.0.0.1:1 ; ; http://[::1]:2 ;", new[] { "http://127.0.0.1:1", "http://[::1]:2" })]
    [InlineData("", new string[0])]
    public void Split_SemicolonList_TrimmedNonEmptyEntries(string urls, string[] expected)
    {
        Assert.Equal(expected, KestrelListeners.Split(urls));
    }
}
