using AiGateway.Telemetry;

namespace AiGateway.UnitTests.Telemetry;

public sealed class TelemetryOptionsValidatorTests
{
    private static readonly TelemetryOptionsValidator Validator = new();

    private static IReadOnlyList<string> Errors(TelemetryOptions options)
    {
        var result = Validator.Validate(null, options);
        return result.Succeeded ? [] : [.. result.Failures!];
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.Empty(Errors(new TelemetryOptions()));
    }

    [Theory]
    [InlineData("http://otel-collector:4318")]
    [InlineData("https://collector.example.com/otlp")]
    [InlineData("http://127.0.0.1:4317")]
    public void Validate_HttpEndpoint_Succeeds(string endpoint)
    {
        Assert.Empty(Errors(new TelemetryOptions { OtlpEndpoint = endpoint, OtlpProtocol = TelemetryOptions.Grpc }));
    }

    [Theory]
    [InlineData("otel-collector:4318")]
    [InlineData("/v1/traces")]
    [InlineData("ftp://collector:21")]
    public void Validate_EndpointNotAbsoluteHttp_NamesTheSettingAndAnExample(string endpoint)
    {
        var error = Assert.Single(Errors(new TelemetryOptions { OtlpEndpoint = endpoint }));

        Assert.StartsWith("Telemetry:OtlpEndpoint must be an absolute http(s) URI such as http://otel-collector:4318", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EndpointWithCredentials_RefusedWithoutEchoingThem()
    {
        var error = Assert.Single(Errors(new TelemetryOptions { OtlpEndpoint = "https://otel:s3cr3t-pass@collector:4318" }));

        Assert.Contains("must not contain credentials", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-pass", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnparsableEndpointWithAt_NotEchoed()
    {
        var error = Assert.Single(Errors(new TelemetryOptions { OtlpEndpoint = "otel:s3cr3t-pass@collector" }));

        Assert.DoesNotContain("s3cr3t-pass", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EndpointWithQuery_Refused()
    {
        var error = Assert.Single(Errors(new TelemetryOptions { OtlpEndpoint = "http://collector:4318/?x=1" }));

        Assert.Contains("query", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("HTTP/PROTOBUF")]
    [InlineData("http/json")]
    public void Validate_UnknownProtocol_ListsTheTwoAccepted(string protocol)
    {
        var error = Assert.Single(Errors(new TelemetryOptions { OtlpProtocol = protocol }));

        Assert.Contains("'http/protobuf'", error, StringComparison.Ordinal);
        Assert.Contains("'grpc'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Validate_SamplingRatioOutsideZeroToOne_Refused(double ratio)
    {
        var error = Assert.Single(Errors(new TelemetryOptions { SamplingRatio = ratio }));

        Assert.StartsWith("Telemetry:SamplingRatio must be between 0 and 1", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.25)]
    [InlineData(1)]
    public void Validate_SamplingRatioInRange_Succeeds(double ratio)
    {
        Assert.Empty(Errors(new TelemetryOptions { SamplingRatio = ratio }));
    }

    [Fact]
    public void Validate_EmptyServiceName_Refused()
    {
        var error = Assert.Single(Errors(new TelemetryOptions { ServiceName = " " }));

        Assert.StartsWith("Telemetry:ServiceName must not be empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralMistakes_ReportsEach()
    {
        Assert.Equal(3, Errors(new TelemetryOptions { OtlpEndpoint = "nope", OtlpProtocol = "udp", SamplingRatio = 2 }).Count);
    }
}
