namespace AiGateway.VaultDouble.Tests;

/// <summary>The HCL subset Vault policies use, and errors that point at the line to fix.</summary>
public sealed class HclPolicyParserTests
{
    [Fact]
    public void Parse_CommentsOfEveryKindAndSeveralBlocks_ReadsAllRules()
    {
        const string hcl = """
            # hash comment
            // slash comment
            /* block
               comment "path" { } */
            path "secret/data/a" {
              capabilities = ["read", "list",] # trailing comma is fine
            }
            path "secret/data/b" { capabilities = ["create"] }
            """;

        var policy = HclPolicyParser.Parse("p", hcl);

        Assert.Collection(
            policy.Rules,
            a =>
            {
                Assert.Equal("secret/data/a", a.Pattern.Text);
                Assert.Equal(Capabilities.Read | Capabilities.List, a.Capabilities);
                Assert.Equal(5, a.Line);
            },
            b => Assert.Equal(Capabilities.Create, b.Capabilities));
    }

    [Fact]
    public void Parse_StringEscapes_Unescaped()
    {
        var policy = HclPolicyParser.Parse("p", """path "secret/data/q\"uo\\te\u0041" { capabilities = ["read"] }""");

        Assert.Equal("secret/data/q\"uo\\teA", Assert.Single(policy.Rules).Pattern.Text);
    }

    [Fact]
    public void Parse_DenyWithOtherCapabilities_KeepsOnlyDeny()
    {
        var policy = HclPolicyParser.Parse("p", """path "x/*" { capabilities = ["read", "deny"] }""");

        Assert.Equal(Capabilities.Deny, Assert.Single(policy.Rules).Capabilities);
    }

    [Fact]
    public void Parse_LegacyPolicyKeyAndParameterKeys_Accepted()
    {
        const string hcl = """
            path "secret/data/legacy" { policy = "write" }
            path "secret/data/params" {
              capabilities = ["update"]
              allowed_parameters = { "api_key" = [], "*" = ["x", "y"] }
              required_parameters = ["api_key"]
              min_wrapping_ttl = "1s"
              max_wrapping_ttl = 90
            }
            """;

        var policy = HclPolicyParser.Parse("p", hcl);

        Assert.Equal(
            Capabilities.Read | Capabilities.List | Capabilities.Create | Capabilities.Update | Capabilities.Delete,
            policy.Rules[0].Capabilities);
        Assert.Equal(Capabilities.Update, policy.Rules[1].Capabilities);
    }

    [Theory]
    [InlineData("path \"a\" {\n  capabilities = [\"read\", \"fly\"]\n}", ":2:", "invalid capability \"fly\"")]
    [InlineData("path \"a\" {\n  capabilities = [\"read\"]\n", ":3:1", "expected a key inside path")]
    [InlineData("path \"a/*/b\" { capabilities = [\"read\"] }", ":1:6", "'*' is only valid as the last character")]
    [InlineData("path \"a\" {\n  capabilities = [\"read\"\n  verbs = [\"x\"]\n}", ":3:", "expected ',' or ']'")]
    [InlineData("path \"a\" { colour = \"red\" }", ":1:", "invalid key 'colour'")]
    [InlineData("\n\nkey \"a\" { }", ":3:1", "unknown top-level key 'key'")]
    [InlineData("path \"unterminated { }", ":1:6", "string literal not terminated")]
    [InlineData("/* never closed\npath \"a\" { }", ":1:1", "comment not terminated")]
    [InlineData("path \"a\" { policy = \"admin\" }", ":1:", "invalid policy \"admin\"")]
    public void Parse_InvalidPolicy_ThrowsFormatExceptionWithLineAndReason(string hcl, string position, string reason)
    {
        var error = Assert.Throws<FormatException>(() => HclPolicyParser.Parse("bad", hcl, "bad.hcl"));

        Assert.StartsWith("bad.hcl" + position, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPolicy_InvalidHcl_ThrowsFormatExceptionNamingThePolicy()
    {
        await using var vault = await VaultTestDouble.StartAsync();

        var error = Assert.Throws<FormatException>(() => vault.AddPolicy("broken", "path \"x\" {\n capabilities = [\"reed\"]\n}"));

        Assert.Contains("policy \"broken\":2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPolicy_Root_Refused()
    {
        await using var vault = await VaultTestDouble.StartAsync();

        Assert.Throws<ArgumentException>(() => vault.AddPolicy("root", """path "*" { capabilities = ["read"] }"""));
    }
}
