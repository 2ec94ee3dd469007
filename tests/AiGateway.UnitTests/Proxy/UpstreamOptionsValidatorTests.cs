using AiGateway.Proxy;

namespace AiGateway.UnitTests.Proxy;

public sealed class UpstreamOptionsValidatorTests
{
    [Theory]
    [InlineData("auto")]
    [InlineData("1.1")]
    [InlineData("2")]
    public void HttpVersion_Known_Valid(string version) =>
        Assert.True(new UpstreamOptionsValidator().Validate(null, new UpstreamOptions { HttpVersion = version }).Succeeded);

    [Theory]
    [InlineData("3")]
    [InlineData("h2")]
    [InlineData("")]
    public void HttpVersion_Unknown_FailsNamingTheSetting(string version)
    {
        var result = new UpstreamOptionsValidator().Validate(null, new UpstreamOptions { HttpVersion = version });

        Assert.True(result.Failed);
        Assert.Contains("Upstream:HttpVersion must be auto, 1.1 or 2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", null)]
    [InlineData("1.1", "1.1")]
    [InlineData("2", "2.0")]
    public void Cluster_CarriesTheVersion(string setting, string? expected)
    {
        var cluster = ProxyRouteTable.Clusters(new UpstreamOptions { HttpVersion = setting }).Single();

        Assert.Equal(expected, cluster.HttpRequest!.Version?.ToString());
        Assert.Equal(expected is null ? null : System.Net.Http.HttpVersionPolicy.RequestVersionExact, cluster.HttpRequest.VersionPolicy);
    }
}
