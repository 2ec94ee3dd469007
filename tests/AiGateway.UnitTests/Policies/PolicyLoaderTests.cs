using AiGateway.Policies;

namespace AiGateway.UnitTests.Policies;

public sealed class PolicyLoaderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly PolicyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private IReadOnlyList<string> LoadErrors()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Load(_folder.PoliciesPath, 1, Now));
        Assert.NotEmpty(ex.Errors);
        foreach (var error in ex.Errors)
        {
            Assert.Contains(error, ex.Message, StringComparison.Ordinal);
        }
        return ex.Errors;
    }

    private static void AssertError(IReadOnlyList<string> errors, string file, string field)
    {
        Assert.Contains(errors, e => e.Contains(PolicyFolder.Display(file), StringComparison.Ordinal)
            && e.Contains(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ValidFolder_LoadsEveryTeam()
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag"));
        _folder.Write("search.json", PolicyFolder.Team("search", models: "[\"*\"]", endpoints: "[\"embeddings\"]", upstreamKey: "\"creds/search\""));

        var snapshot = PolicyLoader.Load(_folder.PoliciesPath, 7, Now);

        Assert.Equal(7, snapshot.Version);
        Assert.Equal(Now, snapshot.LoadedAt);
        Assert.Equal(2, snapshot.Teams.Count);
        var rag = snapshot.Find("rag");
        Assert.NotNull(rag);
        Assert.Equal(["deepseek-*", "gpt-4.1"], rag.ModelPatterns);
        Assert.True(rag.Models.IsAllowed("deepseek-v3.2"));
        Assert.False(rag.Models.IsAllowed("claude-sonnet-4.5"));
        Assert.Equal(GatewayEndpoint.Chat | GatewayEndpoint.Models, rag.Endpoints);
        Assert.True(rag.Allows(GatewayEndpoint.Chat));
        Assert.False(rag.Allows(GatewayEndpoint.Embeddings));
        Assert.Equal("creds/rag-production", rag.UpstreamKey);
        Assert.Equal(PolicyFolder.Display("rag.json"), rag.SourceFile);
        var search = snapshot.Find("search");
        Assert.NotNull(search);
        Assert.Equal(GatewayEndpoint.Embeddings, search.Endpoints);
        Assert.Null(snapshot.Find("other"));
        Assert.Null(snapshot.Find("RAG"));
    }

    [Fact]
    public void Load_CommentsTrailingCommasSchemaAndDoc_Accepted()
    {
        _folder.Write("rag.json", """
            {
              "$schema": "../schema/team.json",
              "_doc": "Retrieval team",
              // which models
              "team": "rag",
              "description": "RAG apps",
              "models": ["deepseek-*",],
              "endpoints": ["chat"],
              "upstreamKey": "creds/rag",
            }
            """);

        var snapshot = PolicyLoader.Load(_folder.PoliciesPath, 1, Now);

        Assert.Equal("RAG apps", snapshot.Find("rag")?.Description);
    }

    [Fact]
    public void Load_NonJsonFilesInTeamsFolder_Ignored()
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag"));
        _folder.Write("README.md", "not json {");
        _folder.Write("rag.json.bak", "{ broken");

        var snapshot = PolicyLoader.Load(_folder.PoliciesPath, 1, Now);

        Assert.Single(snapshot.Teams);
    }

    [Fact]
    public void Load_MissingTeam_ErrorNamesFileAndField()
    {
        _folder.Write("rag.json", """{"models":["*"],"endpoints":["chat"],"upstreamKey":"creds/rag"}""");

        AssertError(LoadErrors(), "rag.json", "'team'");
    }

    [Theory]
    [InlineData("RAG")]
    [InlineData("rag team")]
    [InlineData("-rag")]
    [InlineData("rag_team")]
    [InlineData("räg")]
    [InlineData("../rag")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 64 characters
    public void Load_BadTeamName_ErrorNamesFileFieldAndValue(string team)
    {
        _folder.Write("rag.json", PolicyFolder.Team(team));

        var errors = LoadErrors();

        AssertError(errors, "rag.json", "'team'");
        Assert.Contains(errors, e => e.Contains(team, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0rag")]
    [InlineData("rag-2")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 63 characters
    public void Load_GoodTeamName_Accepted(string team)
    {
        _folder.Write("t.json", PolicyFolder.Team(team));

        Assert.NotNull(PolicyLoader.Load(_folder.PoliciesPath, 1, Now).Find(team));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    public void Load_EmptyOrNullModels_ErrorNamesFileAndField(string models)
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag", models: models));

        AssertError(LoadErrors(), "rag.json", "'models'");
    }

    [Fact]
    public void Load_ModelsMissing_ErrorNamesFileAndField()
    {
        _folder.Write("rag.json", """{"team":"rag","endpoints":["chat"],"upstreamKey":"creds/rag"}""");

        AssertError(LoadErrors(), "rag.json", "'models'");
    }

    [Theory]
    [InlineData("[\"gpt-4.1\", \"\"]", "'models[1]'")]
    [InlineData("[\"  \"]", "'models[0]'")]
    [InlineData("[\"gpt\\n4\"]", "'models[0]'")]
    public void Load_BadModelEntry_ErrorNamesIndex(string models, string field)
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag", models: models));

        AssertError(LoadErrors(), "rag.json", field);
    }

    [Fact]
    public void Load_UnknownEndpointName_ErrorNamesFileFieldAndValue()
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag", endpoints: "[\"chat\", \"chat-completions\"]"));

        var errors = LoadErrors();

        AssertError(errors, "rag.json", "'endpoints[1]'");
        Assert.Contains(errors, e => e.Contains("chat-completions", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[\"Chat\"]")]
    public void Load_NoValidEndpoints_ErrorNamesEndpoints(string endpoints)
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag", endpoints: endpoints));

        AssertError(LoadErrors(), "rag.json", "'endpoints");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public void Load_MissingUpstreamKey_ErrorNamesFileAndField(string upstreamKey)
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag", upstreamKey: upstreamKey));

        AssertError(LoadErrors(), "rag.json", "'upstreamKey'");
    }

    [Theory]
    [InlineData("creds/../admin")]
    [InlineData("../creds/rag")]
    [InlineData("creds/rag/..")]
    [InlineData("..")]
    [InlineData("/creds/rag")]
    [InlineData("creds//rag")]
    [InlineData("creds/rag/")]
    [InlineData("creds\\\\rag")]
    [InlineData("creds/rag?version=1")]
    [InlineData("creds/r ag")]
    public void Load_UnsafeUpstreamKey_ErrorNamesFileAndField(string upstreamKey)
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag", upstreamKey: "\"" + upstreamKey + "\""));

        AssertError(LoadErrors(), "rag.json", "'upstreamKey'");
    }

    [Theory]
    [InlineData("creds/rag-production")]
    [InlineData("rag")]
    [InlineData("team_a/creds/v1.2")]
    public void Load_SafeUpstreamKey_Accepted(string upstreamKey)
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag", upstreamKey: "\"" + upstreamKey + "\""));

        Assert.Equal(upstreamKey, PolicyLoader.Load(_folder.PoliciesPath, 1, Now).Find("rag")?.UpstreamKey);
    }

    [Fact]
    public void Load_UnknownPropertyTypo_ErrorNamesFileAndProperty()
    {
        _folder.Write("rag.json", """{"team":"rag","model":["gpt-4.1"],"endpoints":["chat"],"upstreamKey":"creds/rag"}""");

        var errors = LoadErrors();

        var error = Assert.Single(errors);
        Assert.Contains(PolicyFolder.Display("rag.json"), error, StringComparison.Ordinal);
        Assert.Contains("'model'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"team\": \"rag\", ")]
    [InlineData("{ team: rag }")]
    [InlineData("")]
    [InlineData("[1, 2]")]
    [InlineData("\"rag\"")]
    [InlineData("{\"team\": 5, \"models\": [\"*\"], \"endpoints\": [\"chat\"], \"upstreamKey\": \"creds/rag\"}")]
    [InlineData("{\"team\": \"rag\", \"models\": \"*\", \"endpoints\": [\"chat\"], \"upstreamKey\": \"creds/rag\"}")]
    public void Load_MalformedJson_ErrorNamesFile(string content)
    {
        _folder.Write("rag.json", content);

        var errors = LoadErrors();

        Assert.Contains(errors, e => e.StartsWith(PolicyFolder.Display("rag.json") + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_WrongTypeForField_ErrorNamesField()
    {
        _folder.Write("rag.json", """{"team":"rag","models":"gpt-4.1","endpoints":["chat"],"upstreamKey":"creds/rag"}""");

        AssertError(LoadErrors(), "rag.json", "'models'");
    }

    [Fact]
    public void Load_JsonNull_ErrorNamesFile()
    {
        _folder.Write("rag.json", "null");

        AssertError(LoadErrors(), "rag.json", "JSON object");
    }

    [Fact]
    public void Load_DuplicateTeamAcrossTwoFiles_ErrorNamesTeamAndBothFiles()
    {
        _folder.Write("a.json", PolicyFolder.Team("rag"));
        _folder.Write("b.json", PolicyFolder.Team("rag"));

        var errors = LoadErrors();

        var error = Assert.Single(errors);
        Assert.Contains("\"rag\"", error, StringComparison.Ordinal);
        Assert.Contains(PolicyFolder.Display("a.json"), error, StringComparison.Ordinal);
        Assert.Contains(PolicyFolder.Display("b.json"), error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyFolder_ErrorSaysNoTeams()
    {
        var errors = LoadErrors();

        var error = Assert.Single(errors);
        Assert.Contains(_folder.TeamsPath, error, StringComparison.Ordinal);
        Assert.Contains("no team policy files", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingTeamsFolder_ErrorSaysFolderNotFound()
    {
        using var folder = new PolicyFolder(createTeams: false);

        var ex = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Load(folder.PoliciesPath, 1, Now));

        var error = Assert.Single(ex.Errors);
        Assert.Contains(folder.TeamsPath, error, StringComparison.Ordinal);
        Assert.Contains("not found", error, StringComparison.Ordinal);
        Assert.Contains("Policies:Path", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingPoliciesFolder_ErrorSaysFolderNotFound()
    {
        var missing = Path.Combine(Path.GetTempPath(), "aigw-unit-missing-" + Guid.NewGuid().ToString("N"));

        var ex = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Load(missing, 1, Now));

        Assert.Contains(ex.Errors, e => e.Contains("not found", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SeveralErrors_AllReported()
    {
        // Four problems in one file, one in a second, a malformed third, and one good file.
        _folder.Write("a.json", """{"team":"A","models":[],"endpoints":["chat","bogus"],"upstreamKey":"../x"}""");
        _folder.Write("b.json", PolicyFolder.Team("bee", endpoints: "[\"nope\"]"));
        _folder.Write("c.json", "{ not json");
        _folder.Write("d.json", PolicyFolder.Team("good"));

        var errors = LoadErrors();

        AssertError(errors, "a.json", "'team'");
        AssertError(errors, "a.json", "'models'");
        AssertError(errors, "a.json", "'endpoints[1]'");
        AssertError(errors, "a.json", "'upstreamKey'");
        AssertError(errors, "b.json", "'endpoints[0]'");
        Assert.Contains(errors, e => e.StartsWith(PolicyFolder.Display("c.json"), StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("d.json", StringComparison.Ordinal));
        Assert.Equal(6, errors.Count);
    }

    [Fact]
    public void Load_ValidFilePlusDuplicateAndInvalid_ReportsBoth()
    {
        _folder.Write("a.json", PolicyFolder.Team("rag"));
        _folder.Write("b.json", PolicyFolder.Team("rag"));
        _folder.Write("c.json", PolicyFolder.Team("c", models: "[]"));

        var errors = LoadErrors();

        Assert.Contains(errors, e => e.Contains("more than one file", StringComparison.Ordinal));
        AssertError(errors, "c.json", "'models'");
    }

    [Fact]
    public void Load_PoliciesPathWithTrailingSeparator_SameDisplayNames()
    {
        _folder.Write("rag.json", PolicyFolder.Team("rag"));

        var snapshot = PolicyLoader.Load(_folder.PoliciesPath + Path.DirectorySeparatorChar, 1, Now);

        Assert.Equal(PolicyFolder.Display("rag.json"), snapshot.Find("rag")?.SourceFile);
    }
}
