using AiGateway.KeyRotation.Rotation;

namespace AiGateway.KeyRotation.Tests.Rotation;

public sealed class SecretPathsTests
{
    [Theory]
    [InlineData("rag-production", "rag-production")]
    [InlineData("creds/rag-production", "rag-production")]
    [InlineData("/creds/team/svc.v2_x/", "team/svc.v2_x")]
    public void TryNormalizeService_ValidNames_Normalises(string input, string expected)
    {
        Assert.True(SecretPaths.TryNormalizeService(input, out var service, out _));
        Assert.Equal(expected, service);
    }

    [Theory]
    [InlineData("")]
    [InlineData("creds/")]
    [InlineData("../audit/x")]
    [InlineData("a//b")]
    [InlineData("a b")]
    [InlineData("a/./b")]
    public void TryNormalizeService_InvalidNames_Refused(string input)
    {
        Assert.False(SecretPaths.TryNormalizeService(input, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Audit_Time_FormatsSortableUtcStamp()
    {
        Assert.Equal("audit/rag/20310131T120000Z", SecretPaths.Audit("rag", new DateTimeOffset(2031, 1, 31, 13, 0, 0, TimeSpan.FromHours(1))));
    }
}
