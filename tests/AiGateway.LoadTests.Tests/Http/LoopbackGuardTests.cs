namespace AiGateway.LoadTests.Tests;

public class LoopbackGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/v1")]
    [InlineData("http://127.5.6.7/v1")]
    [InlineData("http://[::1]:5080/v1")]
    [InlineData("http://localhost:5080/v1")]
    [InlineData("https://LOCALHOST/v1")]
    public void IsLoopback_LocalTargets_Allowed(string url) => Assert.True(LoopbackGuard.IsLoopback(new Uri(url)));

    [Theory]
    [InlineData("https://api.openai.com/v1")]
    [InlineData("https://api.deepseek.com")]
    [InlineData("http://10.0.0.1:8080/v1")]
    [InlineData("http://192.168.1.20/v1")]
    [InlineData("http://0.0.0.0:5080/v1")]
    [InlineData("http://localhost.example.com/v1")]
    [InlineData("http://127.0.0.1.nip.io/v1")]
    [InlineData("ftp://127.0.0.1/v1")]
    public void IsLoopback_OtherHosts_Refused(string url) => Assert.False(LoopbackGuard.IsLoopback(new Uri(url)));

    [Fact]
    public void LoadTarget_RealProvider_RefusedWithExplanation()
    {
        var error = Assert.Throws<ArgumentException>(() => new LoadTarget("openai", new Uri("https://api.openai.com/v1"), "sk-test"));

        Assert.Contains("'openai'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a loopback address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadTarget_ToString_NeverShowsToken()
    {
        var target = new LoadTarget("direct", new Uri("http://127.0.0.1:5080/v1"), "sk-secret-value");

        Assert.DoesNotContain("sk-secret", target.ToString(), StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:5080/v1/chat/completions", target.Endpoint("chat/completions").AbsoluteUri);
    }
}
