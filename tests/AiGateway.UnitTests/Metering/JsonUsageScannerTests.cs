using System.Text;
using AiGateway.Metering;

namespace AiGateway.UnitTests.Metering;

public class JsonUsageScannerTests
{
    private static UsageReport? ScanWhole(string json)
    {
        using var scanner = new JsonUsageScanner();
        scanner.Append(Encoding.UTF8.GetBytes(json));
        return scanner.Result;
    }

    private static UsageReport? ScanBytewise(string json)
    {
        using var scanner = new JsonUsageScanner();
        foreach (var chunk in Chunking.Bytewise(Encoding.UTF8.GetBytes(json)))
        {
            scanner.Append(chunk);
        }
        return scanner.Result;
    }

    public static TheoryData<string, int, int, int> Fixtures => new()
    {
        { WireFixtures.ChatCompletion, 209, 13, 222 },
        { WireFixtures.Embeddings, 2, 0, 2 },
        { WireFixtures.EmbeddingsBase64, 5, 0, 5 },
        { WireFixtures.LegacyCompletion, 2, 1, 3 },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Append_RecordedResponse_ReadsUsage(string json, int prompt, int completion, int total)
    {
        Assert.Equal(new UsageReport(prompt, completion, total, FromUpstream: true), ScanWhole(json));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Append_OneByteChunks_SameAsWhole(string json, int prompt, int completion, int total)
    {
        Assert.Equal(new UsageReport(prompt, completion, total, FromUpstream: true), ScanBytewise(json));
    }

    [Fact]
    public void Append_UsageFirstKey_ReadsUsage()
    {
        var json = """{"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12},"id":"x","choices":[{"message":{"content":"hi"}}]}""";

        Assert.Equal(new UsageReport(5, 7, 12, true), ScanWhole(json));
    }

    [Fact]
    public void Append_UsageTextInsideContentString_DoesNotMatch()
    {
        var json = """{"id":"x","choices":[{"message":{"content":"He wrote \"usage\": {\"prompt_tokens\": 999} and {\"usage\":1}"}}],"model":"m"}""";

        Assert.Null(ScanWhole(json));
        Assert.Null(ScanBytewise(json));
    }

    [Fact]
    public void Append_UsageTextInsideContentAndRealUsage_ReadsRealUsage()
    {
        var json = """{"choices":[{"message":{"content":"\"usage\":{\"prompt_tokens\":999,\"total_tokens\":999}"}}],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""";

        Assert.Equal(new UsageReport(3, 4, 7, true), ScanBytewise(json));
    }

    [Fact]
    public void Append_NestedUsageKeysOnly_ReturnsNull()
    {
        var json = """{"choices":[{"message":{"usage":{"prompt_tokens":1,"total_tokens":1}}}],"metadata":{"usage":{"prompt_tokens":2,"total_tokens":2}},"data":[{"usage":{"total_tokens":3}}]}""";

        Assert.Null(ScanWhole(json));
    }

    [Fact]
    public void Append_NestedUsageBeforeTopLevelUsage_ReadsTopLevel()
    {
        var json = """{"metadata":{"usage":{"prompt_tokens":2,"total_tokens":2}},"usage":{"prompt_tokens":10,"completion_tokens":20,"total_tokens":30},"tail":{"usage":null}}""";

        Assert.Equal(new UsageReport(10, 20, 30, true), ScanBytewise(json));
    }

    [Theory]
    [InlineData("""{"id":"x","choices":[]}""")]
    [InlineData("""{"id":"x","usage":null}""")]
    [InlineData("""{"usage":"lots"}""")]
    [InlineData("""[{"usage":{"prompt_tokens":1}}]""")]
    [InlineData("""{"usage":{"prompt_tokens":1""")]
    [InlineData("")]
    public void Append_NoUsableUsage_ReturnsNull(string json)
    {
        Assert.Null(ScanWhole(json));
    }

    [Fact]
    public void Append_TotalTokensMissing_SumsParts()
    {
        var json = """{"usage":{"prompt_tokens":40,"completion_tokens":2}}""";

        Assert.Equal(new UsageReport(40, 2, 42, true), ScanWhole(json));
    }

    [Fact]
    public void Append_TotalTokensLargerThanParts_KeepsTotal()
    {
        // Providers may count tokens (e.g. reasoning) in the total that no part names.
        var json = """{"usage":{"prompt_tokens":40,"completion_tokens":2,"total_tokens":50}}""";

        Assert.Equal(50, ScanWhole(json)!.Value.TotalTokens);
    }

    [Fact]
    public void Append_EscapedUsageKey_Matches()
    {
        var json = """{"\u0075sage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""";

        Assert.Equal(new UsageReport(1, 1, 2, true), ScanBytewise(json));
    }

    [Fact]
    public void Append_DuplicateUsage_LastWins()
    {
        var json = """{"usage":{"total_tokens":1},"usage":{"prompt_tokens":2,"completion_tokens":3,"total_tokens":5}}""";

        Assert.Equal(new UsageReport(2, 3, 5, true), ScanWhole(json));
    }

    [Fact]
    public void Append_UsageOverSizeBound_Ignored()
    {
        var padding = new string('x', JsonUsageScanner.MaxUsageBytes);
        var json = $$$"""{"usage":{"prompt_tokens":1,"total_tokens":1,"note":"{{{padding}}}"}}""";

        Assert.Null(ScanWhole(json));
    }

    [Fact]
    public void Append_HugeContentBeforeUsage_ReadsUsage()
    {
        // Size of the body must not matter: only the usage value is kept.
        var big = new string('a', 3 * 1024 * 1024);
        var json = $$$"""{"data":[{"embedding":"{{{big}}}"}],"usage":{"prompt_tokens":8,"total_tokens":8}}""";

        Assert.Equal(new UsageReport(8, 0, 8, true), ScanWhole(json));
    }

    [Fact]
    public void Append_EscapedQuotesAndBackslashesInStrings_KeepsStructure()
    {
        var json = """{"a":"\\","b":"\\\"usage\\\":","c":["\"}"],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}""";

        Assert.Equal(new UsageReport(1, 2, 3, true), ScanBytewise(json));
    }

    [Fact]
    public void Reset_AfterBody_ScansNextBodyFresh()
    {
        using var scanner = new JsonUsageScanner();
        scanner.Append(WireFixtures.Bytes(WireFixtures.ChatCompletion));
        Assert.NotNull(scanner.Result);

        scanner.Reset();
        Assert.Null(scanner.Result);
        scanner.Append(WireFixtures.Bytes(WireFixtures.Embeddings));

        Assert.Equal(new UsageReport(2, 0, 2, true), scanner.Result);
    }
}
