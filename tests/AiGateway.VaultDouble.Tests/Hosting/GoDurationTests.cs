namespace AiGateway.VaultDouble.Tests;

/// <summary>Durations as Vault reads them (Go syntax, bare seconds, days) and prints them (Go's Duration.String).</summary>
public sealed class GoDurationTests
{
    [Theory]
    [InlineData("1h", 3600)]
    [InlineData("90m", 5400)]
    [InlineData("1h30m15s", 5415)]
    [InlineData("3600", 3600)]
    [InlineData("1.5h", 5400)]
    [InlineData("2d", 172800)]
    [InlineData("", 0)]
    public void TryParse_ValidText_ReturnsSeconds(string text, int seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("1x")]
    [InlineData("h")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(30, "30s")]
    [InlineData(90, "1m30s")]
    [InlineData(3600, "1h0m0s")]
    [InlineData(2764800, "768h0m0s")]
    public void Format_WholeSeconds_MatchesGo(int seconds, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Format_SubSecond_UsesTheLargestUnitLikeGo()
    {
        Assert.Equal("1.5s", GoDuration.Format(TimeSpan.FromMilliseconds(1500)));
        Assert.Equal("250ms", GoDuration.Format(TimeSpan.FromMilliseconds(250)));
    }
}
