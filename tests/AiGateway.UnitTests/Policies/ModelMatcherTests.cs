using AiGateway.Policies;

namespace AiGateway.UnitTests.Policies;

public class ModelMatcherTests
{
    [Theory]
    [InlineData("gpt-4.1", true)]
    [InlineData("gpt-4.1-mini", false)]
    [InlineData("gpt-4", false)]
    [InlineData("GPT-4.1", false)]
    [InlineData("gpt-4.1 ", false)]
    [InlineData("", false)]
    public void IsAllowed_ExactPattern_MatchesOnlyThatName(string model, bool expected)
    {
        var matcher = new ModelMatcher(["gpt-4.1"]);

        Assert.Equal(expected, matcher.IsAllowed(model));
    }

    [Theory]
    [InlineData("deepseek-v3.2", true)]
    [InlineData("deepseek-", true)]
    [InlineData("deepseek-chat-v3-0324", true)]
    [InlineData("deepseek", false)]
    [InlineData("DeepSeek-v3.2", false)]
    [InlineData("my-deepseek-v3", false)]
    [InlineData("", false)]
    public void IsAllowed_PrefixGlob_MatchesNamesWithThatPrefix(string model, bool expected)
    {
        var matcher = new ModelMatcher(["deepseek-*"]);

        Assert.Equal(expected, matcher.IsAllowed(model));
    }

    [Theory]
    [InlineData("anything")]
    [InlineData("")]
    [InlineData("gpt-4.1")]
    [InlineData("*")]
    public void IsAllowed_StarPattern_MatchesEverything(string model)
    {
        Assert.True(new ModelMatcher(["*"]).IsAllowed(model));
    }

    [Theory]
    [InlineData("gpt-4.1-mini", true)]
    [InlineData("gpt-4o-mini", true)]
    [InlineData("gpt--mini", true)]
    [InlineData("gpt-4o-mini-2024-07-18", false)]
    [InlineData("gpt-4o", false)]
    [InlineData("gpt-mini", false)]
    [InlineData("xgpt-4o-mini", false)]
    [InlineData("gpt-4o-MINI", false)]
    public void IsAllowed_StarInTheMiddle_MatchesPrefixAndSuffix(string model, bool expected)
    {
        var matcher = new ModelMatcher(["gpt-*-mini"]);

        Assert.Equal(expected, matcher.IsAllowed(model));
    }

    [Fact]
    public void IsAllowed_SeveralPatterns_AnyMatchAllows()
    {
        var matcher = new ModelMatcher(["gpt-4.1", "deepseek-*", "*-flash"]);

        Assert.True(matcher.IsAllowed("gpt-4.1"));
        Assert.True(matcher.IsAllowed("deepseek-v3.2"));
        Assert.True(matcher.IsAllowed("gemini-2.5-flash"));
        Assert.False(matcher.IsAllowed("claude-sonnet-4.5"));
        Assert.False(matcher.IsAllowed("gemini-2.5-flash-lite"));
    }

    [Fact]
    public void IsAllowed_NoPatterns_AllowsNothing()
    {
        var matcher = new ModelMatcher([]);

        Assert.False(matcher.IsAllowed("gpt-4.1"));
        Assert.False(matcher.IsAllowed(""));
    }

    [Fact]
    public void IsAllowed_EmptyModelWithEmptyExactPattern_Allowed()
    {
        // The matcher itself treats "" as a name; the policy validator is what refuses empty patterns.
        Assert.True(new ModelMatcher([""]).IsAllowed(""));
    }

    [Fact]
    public void IsAllowed_NullModel_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new ModelMatcher(["*"]).IsAllowed(null!));
    }

    [Fact]
    public void Constructor_NullPatterns_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new ModelMatcher(null!));
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("a", "", false)]
    [InlineData("*", "", true)]
    [InlineData("**", "", true)]
    [InlineData("**", "abc", true)]
    [InlineData("a*", "a", true)]
    [InlineData("*a", "a", true)]
    [InlineData("*a", "ba", true)]
    [InlineData("*a", "ab", false)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "aXcYb", false)]
    [InlineData("a*b*c", "abcabc", true)]
    [InlineData("a*b*c", "abcab", false)]
    [InlineData("*ab*ab*", "abab", true)]
    [InlineData("*ab*ab*", "aab", false)]
    [InlineData("a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    [InlineData("a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", true)]
    [InlineData("?", "a", false)] // '?' is literal, not a wildcard
    [InlineData("?", "?", true)]
    [InlineData("gpt-4.1", "gpt-4x1", false)] // '.' is literal, not a regex
    [InlineData("mistral*", "mistral", true)]
    [InlineData("mistral*", "mistra", false)]
    [InlineData("*-mini", "-mini", true)]
    [InlineData("*-mini", "mini", false)]
    public void GlobMatches_EdgeCase_ReturnsExpected(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, ModelMatcher.GlobMatches(pattern, text));
    }

    [Fact]
    public void GlobMatches_PathologicalPatternOnLongText_FinishesAndDoesNotMatch()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 50)) + "b";
        var text = new string('a', 10_000);

        Assert.False(ModelMatcher.GlobMatches(pattern, text));
    }
}
