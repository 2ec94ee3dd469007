using AiGateway.Telemetry;

namespace AiGateway.UnitTests.Telemetry;

public sealed class MetricLabelsTests
{
    [Theory]
    [InlineData(200, "200")]
    [InlineData(429, "429")]
    [InlineData(599, "599")]
    [InlineData(100, "100")]
    [InlineData(99, "99")]
    [InlineData(600, "600")]
    public void ForStatusCode_IsTheDecimalCode(int code, string label)
    {
        Assert.Equal(label, MetricLabels.ForStatusCode(code));
    }

    [Fact]
    public void ForStatusCode_KnownCode_CachedString()
    {
        Assert.Same(MetricLabels.ForStatusCode(404), MetricLabels.ForStatusCode(404));
    }

    [Fact]
    public void Clean_PlainText_ReturnedAsIs()
    {
        const string model = "gpt-4.1";

        Assert.Same(model, LogText.Clean(model));
    }

    [Fact]
    public void Clean_ControlCharacters_Replaced()
    {
        Assert.Equal("a?b?c", LogText.Clean("a\nb\u0000c"));
    }

    [Fact]
    public void Clean_LongText_CutWithEllipsis()
    {
        var cleaned = LogText.Clean(new string('x', 500))!;

        Assert.Equal(LogText.MaxLength + 3, cleaned.Length);
        Assert.EndsWith("...", cleaned, StringComparison.Ordinal);
    }
}
