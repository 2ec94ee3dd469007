using AiGateway.Proxy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace AiGateway.UnitTests.Proxy;

public class CallerAuthenticationMiddlewareTests
{
    private static string Read(IHeaderDictionary headers) => CallerAuthenticationMiddleware.ReadCredential(headers).ToString();

    [Theory]
    [InlineData("Bearer aigw_abc", "aigw_abc")]
    [InlineData("bearer aigw_abc", "aigw_abc")]
    [InlineData("BEARER aigw_abc", "aigw_abc")]
    [InlineData("BeArEr aigw_abc", "aigw_abc")]
    [InlineData("  Bearer   aigw_abc  ", "aigw_abc")]
    [InlineData("Bearer x", "x")]
    public void ReadCredential_BearerAnyCase_ReturnsToken(string authorization, string expected)
    {
        var headers = new HeaderDictionary { ["Authorization"] = authorization };

        Assert.Equal(expected, Read(headers));
    }

    [Fact]
    public void ReadCredential_ApiKeyHeader_ReturnsToken()
    {
        var headers = new HeaderDictionary { ["api-key"] = " aigw_from_api_key " };

        Assert.Equal("aigw_from_api_key", Read(headers));
    }

    [Fact]
    public void ReadCredential_ApiKeyHeaderNameAnyCase_ReturnsToken()
    {
        var headers = new HeaderDictionary { ["Api-Key"] = "aigw_x" };

        Assert.Equal("aigw_x", Read(headers));
    }

    [Fact]
    public void ReadCredential_BearerAndApiKey_BearerWins()
    {
        var headers = new HeaderDictionary { ["Authorization"] = "Bearer aigw_bearer", ["api-key"] = "aigw_api_key" };

        Assert.Equal("aigw_bearer", Read(headers));
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Token aigw_abc")]
    [InlineData("aigw_abc")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer    ")]
    [InlineData("Bearertoken")]
    public void ReadCredential_AuthorizationNotBearer_FallsBackToApiKey(string authorization)
    {
        var headers = new HeaderDictionary { ["Authorization"] = authorization, ["api-key"] = "aigw_api_key" };

        Assert.Equal("aigw_api_key", Read(headers));
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    public void ReadCredential_AuthorizationNotBearerAndNoApiKey_Empty(string authorization)
    {
        var headers = new HeaderDictionary { ["Authorization"] = authorization };

        Assert.Equal("", Read(headers));
    }

    [Fact]
    public void ReadCredential_NoHeaders_Empty()
    {
        Assert.True(CallerAuthenticationMiddleware.ReadCredential(new HeaderDictionary()).IsEmpty);
    }

    [Fact]
    public void ReadCredential_TwoAuthorizationValues_NotTakenAsBearer()
    {
        var headers = new HeaderDictionary { ["Authorization"] = new StringValues(["Bearer aigw_a", "Bearer aigw_b"]) };

        Assert.Equal("", Read(headers));
    }

    [Fact]
    public void ReadCredential_TwoApiKeyValues_Empty()
    {
        var headers = new HeaderDictionary { ["api-key"] = new StringValues(["aigw_a", "aigw_b"]) };

        Assert.Equal("", Read(headers));
    }

    [Fact]
    public void ReadCredential_OtherCredentialHeaders_Ignored()
    {
        var headers = new HeaderDictionary { ["x-api-key"] = "aigw_x", ["Cookie"] = "token=aigw_y" };

        Assert.Equal("", Read(headers));
    }
}
