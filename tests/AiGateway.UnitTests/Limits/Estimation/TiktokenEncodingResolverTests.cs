using AiGateway.Limits.Estimation;

namespace AiGateway.UnitTests.Limits.Estimation;

public class TiktokenEncodingResolverTests
{
    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("gpt-4o-mini-2024-07-18")]
    [InlineData("gpt-4.1")]
    [InlineData("gpt-4.1-nano")]
    [InlineData("gpt-4.5-preview")]
    [InlineData("gpt-5")]
    [InlineData("o1")]
    [InlineData("o3-mini")]
    [InlineData("o4-mini")]
    [InlineData("chatgpt-4o-latest")]
    [InlineData("ft:gpt-4o-mini:acme::abc123")]
    [InlineData("deepseek-v3.2")]
    [InlineData("gemini-2.5-flash")]
    [InlineData("claude-sonnet-4.5")]
    [InlineData("")]
    public void Resolve_O200kOrUnknownModel_ReturnsO200k(string model)
    {
        Assert.Equal(TiktokenEncoding.O200kBase, TiktokenEncodingResolver.Resolve(model));
    }

    [Theory]
    [InlineData("gpt-4")]
    [InlineData("gpt-4-0613")]
    [InlineData("gpt-4-turbo")]
    [InlineData("gpt-4-32k")]
    [InlineData("gpt-3.5-turbo")]
    [InlineData("gpt-35-turbo")]
    [InlineData("text-embedding-3-small")]
    [InlineData("text-embedding-ada-002")]
    [InlineData("ft:gpt-3.5-turbo-0125:acme::xyz")]
    [InlineData("davinci-002")]
    public void Resolve_Cl100kModel_ReturnsCl100k(string model)
    {
        Assert.Equal(TiktokenEncoding.Cl100kBase, TiktokenEncodingResolver.Resolve(model));
    }
}
