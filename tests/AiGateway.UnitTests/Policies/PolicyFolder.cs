using AiGateway.UnitTests.TestSupport;

namespace AiGateway.UnitTests.Policies;

/// <summary>A temporary policy folder (<c>&lt;temp&gt;/policies/teams/</c>) for loader and provider tests.</summary>
internal sealed class PolicyFolder : IDisposable
{
    private readonly TempDirectory _root = new();

    public PolicyFolder(bool createTeams = true)
    {
        PoliciesPath = _root.Combine("policies");
        Directory.CreateDirectory(PoliciesPath);
        if (createTeams)
        {
            Directory.CreateDirectory(TeamsPath);
        }
    }

    public string PoliciesPath { get; }

    public string TeamsPath => Path.Combine(PoliciesPath, "teams");

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

    public void Dispose() => _root.Dispose();
}
