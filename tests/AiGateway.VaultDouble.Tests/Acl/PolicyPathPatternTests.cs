namespace AiGateway.VaultDouble.Tests;

/// <summary>WIRE-FACTS A.6: how one pattern matches, and Vault's five priority rules between two that match.</summary>
public sealed class PolicyPathPatternTests
{
    [Theory]
    [InlineData("secret/data/foo", "secret/data/foo", true)]
    [InlineData("secret/data/foo", "secret/data/foo/bar", false)]
    [InlineData("secret/data/foo*", "secret/data/foobar", true)]
    [InlineData("secret/data/foo*", "secret/data/foo/x", true)]
    [InlineData("secret/data/foo*", "secret/data/fo", false)]
    [InlineData("secret/+/teamb", "secret/data/teamb", true)]
    [InlineData("secret/+/teamb", "secret/data/x/teamb", false)]
    [InlineData("secret/+/teamb", "secret/data/teamb/x", false)]
    [InlineData("secret/data/+/config", "secret/data/app/config", true)]
    [InlineData("secret/+/+/foo/*", "secret/a/b/foo/c", true)]
    [InlineData("secret/+/+/foo/*", "secret/a/b/foo", false)]
    [InlineData("secret/+/foo*", "secret/a/foobar/x", true)]
    [InlineData("/secret/data/x", "secret/data/x", true)]
    public void Matches_Pattern_MatchesVaultSemantics(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, PolicyPathPattern.Parse(pattern).Matches(path));
    }

    // Each row: (lower-priority pattern, higher-priority pattern, the rule that decides).
    [Theory]
    [InlineData("secret/+/+/foo/*", "secret/*", "3: more + segments is lower")]
    [InlineData("secret/*", "secret/data/*", "1: first wildcard earlier is lower")]
    [InlineData("secret/+/x", "secret/data/+", "1: first wildcard earlier is lower")]
    [InlineData("secret/data/+/*", "secret/data/+/x", "2: ending in * is lower")]
    [InlineData("secret/+/+", "secret/+/ab", "3: more + segments is lower")]
    [InlineData("secret/+/a", "secret/+/ab", "4: shorter is lower")]
    [InlineData("secret/+/aa", "secret/+/ab", "5: lexicographically smaller is lower")]
    public void ComparePriority_TwoMatchingPatterns_FollowsVaultRules(string lower, string higher, string rule)
    {
        var a = PolicyPathPattern.Parse(lower);
        var b = PolicyPathPattern.Parse(higher);

        Assert.True(PolicyPathPattern.ComparePriority(a, b) < 0, rule);
        Assert.True(PolicyPathPattern.ComparePriority(b, a) > 0, rule);
    }

    [Theory]
    [InlineData("secret/*/foo")]
    [InlineData("*secret")]
    [InlineData("")]
    public void Parse_InvalidPattern_Throws(string pattern)
    {
        Assert.Throws<FormatException>(() => PolicyPathPattern.Parse(pattern));
    }
}
