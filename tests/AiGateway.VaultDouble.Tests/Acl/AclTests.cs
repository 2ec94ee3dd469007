namespace AiGateway.VaultDouble.Tests;

/// <summary>WIRE-FACTS A.6: merging policies and choosing the one rule that governs a path.</summary>
public sealed class AclTests
{
    private static Acl Build(params string[] policies) =>
        Acl.Build(policies.Select((hcl, i) => HclPolicyParser.Parse($"p{i}", hcl)));

    public static TheoryData<string, string, string, bool> PriorityCases => new()
    {
        // The A.6 example: secret/* outranks secret/+/+/foo/* (rule 3), so its "read" applies and the deny does not.
        { """path "secret/*" { capabilities = ["read"] } path "secret/+/+/foo/*" { capabilities = ["deny"] }""", "secret/a/b/foo/c", "Read", true },
        { """path "secret/*" { capabilities = ["deny"] } path "secret/+/+/foo/*" { capabilities = ["read"] }""", "secret/a/b/foo/c", "Read", false },

        // An exact path beats every glob that matches, even a longer-looking one.
        { """path "secret/data/app" { capabilities = ["read"] } path "secret/data/*" { capabilities = ["deny"] }""", "secret/data/app", "Read", true },

        // Longest prefix wins between globs; its capabilities alone apply (no union with the shorter one).
        { """path "secret/*" { capabilities = ["read"] } path "secret/data/*" { capabilities = ["update"] }""", "secret/data/x", "Read", false },
        { """path "secret/*" { capabilities = ["read"] } path "secret/data/*" { capabilities = ["update"] }""", "secret/data/x", "Update", true },

        // + matches exactly one segment anywhere.
        { """path "secret/data/+/config" { capabilities = ["read"] }""", "secret/data/app/config", "Read", true },
        { """path "secret/data/+/config" { capabilities = ["read"] }""", "secret/data/a/b/config", "Read", false },

        // No rule: deny by default. A capability for one operation does not grant another.
        { """path "secret/data/*" { capabilities = ["read"] }""", "other/data/x", "Read", false },
        { """path "secret/data/*" { capabilities = ["read"] }""", "secret/data/x", "Create", false },

        // LIST: an exact rule written without the trailing slash still matches the folder.
        { """path "secret/metadata/app" { capabilities = ["list"] }""", "secret/metadata/app/", "List", true },
    };

    [Theory]
    [MemberData(nameof(PriorityCases))]
    public void Allows_SinglePolicy_AppliesOnlyTheHighestPriorityRule(string hcl, string path, string operation, bool expected)
    {
        Assert.Equal(expected, Build(hcl).Allows(path, Enum.Parse<VaultOperation>(operation)));
    }

    [Fact]
    public void Allows_SamePatternInTwoPolicies_UnionsCapabilities()
    {
        var acl = Build(
            """path "secret/data/app/*" { capabilities = ["read"] }""",
            """path "secret/data/app/*" { capabilities = ["update"] }""");

        Assert.True(acl.Allows("secret/data/app/x", VaultOperation.Read));
        Assert.True(acl.Allows("secret/data/app/x", VaultOperation.Update));
        Assert.False(acl.Allows("secret/data/app/x", VaultOperation.Delete));
    }

    [Fact]
    public void Allows_DenyOnSamePatternInAnotherPolicy_OverridesEverything()
    {
        var acl = Build(
            """path "secret/data/app/*" { capabilities = ["read", "update", "sudo"] }""",
            """path "secret/data/app/*" { capabilities = ["deny"] }""");

        Assert.False(acl.Allows("secret/data/app/x", VaultOperation.Read));
        Assert.Equal(Capabilities.Deny, acl.CapabilitiesFor("secret/data/app/x", isList: false));
    }

    [Fact]
    public void Allows_DifferentPatternsInTwoPolicies_OnlyTheHigherPriorityOneCounts()
    {
        var acl = Build(
            """path "secret/*" { capabilities = ["read", "list"] }""",
            """path "secret/data/*" { capabilities = ["update"] }""");

        Assert.False(acl.Allows("secret/data/x", VaultOperation.Read));
        Assert.True(acl.Allows("secret/metadata/x", VaultOperation.Read));
    }

    [Fact]
    public void Allows_RootPolicy_AllowsEverything()
    {
        var acl = Acl.Build([BuiltInPolicies.Root]);

        Assert.True(acl.Allows("sys/seal", VaultOperation.Update));
        Assert.True(acl.Allows("anything/at/all", VaultOperation.Delete));
    }

    [Theory]
    [InlineData("auth/token/lookup-self", "Read", true)]
    [InlineData("auth/token/renew-self", "Update", true)]
    [InlineData("auth/token/revoke-self", "Update", true)]
    [InlineData("auth/token/lookup-self", "Update", false)]
    [InlineData("sys/mounts", "Read", false)]
    [InlineData("holysheepai/data/creds/x", "Read", false)]
    public void DefaultPolicy_SelfServicePaths_MatchRealVault(string path, string operation, bool expected)
    {
        Assert.Equal(expected, Acl.Build([BuiltInPolicies.Default()]).Allows(path, Enum.Parse<VaultOperation>(operation)));
    }
}
