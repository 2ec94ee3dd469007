using AiGateway.Hosting;
using OpenTelemetry.Exporter;

namespace AiGateway.UnitTests.Telemetry;

public sealed class SignalEndpointTests
{
    [Theory]
    [InlineData("http://collector:4318", "http://collector:4318/v1/traces")]
    [InlineData("http://collector:4318/", "http://collector:4318/v1/traces")]
    [InlineData("https://gw.example.com/otlp", "https://gw.example.com/otlp/v1/traces")]
    [InlineData("http://collector:4318/v1/traces", "http://collector:4318/v1/traces")]
    public void SignalEndpoint_HttpProtobuf_AppendsTheTracesPathOnce(string configured, string expected)
    {
        Assert.Equal(new Uri(expected), GatewayTracing.SignalEndpoint(new Uri(configured), OtlpExportProtocol.HttpProtobuf));
    }

    [Fact]
    public void SignalEndpoint_Grpc_UsedAsGiven()
    {
        Assert.Equal(new Uri("http://collector:4317"), GatewayTracing.SignalEndpoint(new Uri("http://collector:4317"), OtlpExportProtocol.Grpc));
    }
}
