using AiGateway.UnitTests.TestSupport;

namespace AiGateway.UnitTests.Policies;

/// <summary>
/// A temporary policy folder (<c>&lt;temp&gt;/policies/teams/</c>) for loader and provider tests. By default it
/// also holds a permissive <c>pricing.json</c> (<see cref="PermissivePricing"/>), so tests about team files
/// are not refused for a missing price.
/// </summary>
internal sealed class PolicyFolder : IDisposable
{
    /// <summary>Prices a few models and charges a default for every other one: no model a test names is unpriced.</summary>
    public const string PermissivePricing = """
        {
          "currency": "USD",
          "models": {
            "deepseek-v3.2": { "inputPerMillion": 0.42, "outputPerMillion": 0.42 },
            "gpt-4.1": { "inputPerMillion": 8.00, "outputPerMillion": 8.00 }
          },
          "unpriced": "default",
          "default": { "inputPerMillion": 1.00, "outputPerMillion": 2.00 }
        }
        """;

    private readonly TempDirectory _root = new();

    public PolicyFolder(bool createTeams = true, bool writePricing = true)
    {
        PoliciesPath = _root.Combine("policies");
        Directory.CreateDirectory(PoliciesPath);
        if (createTeams)
        {
            Directory.CreateDirectory(TeamsPath);
        }
        if (writePricing)
        {
            WritePricing(PermissivePricing);
        }
    }

    public string PoliciesPath { get; }

    public string TeamsPath => Path.Combine(PoliciesPath, "teams");

    public string PricingPath => Path.Combine(PoliciesPath, "pricing.json");

    /// <summary>How errors name a team file: relative to the parent of the policies folder.</summary>
    public static string Display(string fileName) => Path.Combine("policies", "teams", fileName);

    public static string Team(string team, string models = "[\"deepseek-*\", \"gpt-4.1\"]", string endpoints = "[\"chat\", \"models\"]",
        string upstreamKey = "\"creds/rag-production\"") =>
        $$"""
        {
          "team": "{{team}}",
          "models": {{models}},
          "endpoints": {{endpoints}},
          "upstreamKey": {{upstreamKey}}
        }
        """;

    public string Write(string fileName, string content)
    {
        var path = Path.Combine(TeamsPath, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Replaces <c>pricing.json</c>.</summary>
    public void WritePricing(string content) => File.WriteAllText(PricingPath, content);

    /// <summary>Removes <c>pricing.json</c>.</summary>
    public void DeletePricing() => File.Delete(PricingPath);

    public void Dispose() => _root.Dispose();
}
