#pragma warning disable SCME0001 // JsonPatch is the SDK's documented way to send a field it does not model (encoding_format).
using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using OpenAI.Embeddings;

namespace AiGateway.UpstreamSimulator.Tests;

public sealed class EmbeddingsTests : SimulatorTestBase
{
    [Fact]
    public async Task GenerateEmbedding_SdkDefaultBase64_UnitVectorOfRequestedDimensions()
    {
        OpenAIEmbedding embedding = await CreateEmbeddingClient().GenerateEmbeddingAsync(
            "The quick brown fox", new EmbeddingGenerationOptions { Dimensions = 256 });

        var vector = embedding.ToFloats().ToArray();
        Assert.Equal(256, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), precision: 4);
        Assert.Contains("\"encoding_format\":\"base64\"", Assert.Single(Sim.ReceivedRequests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateEmbedding_SdkFloatFormat_SameVectorAsBase64()
    {
        var client = CreateEmbeddingClient();
        var floatOptions = new EmbeddingGenerationOptions();
        floatOptions.Patch.Set("$.encoding_format"u8, "float");

        OpenAIEmbedding asFloat = await client.GenerateEmbeddingAsync("same input", floatOptions);
        OpenAIEmbedding asBase64 = await client.GenerateEmbeddingAsync("same input");

        Assert.Contains("\"encoding_format\":\"float\"", Sim.ReceivedRequests[0].Body, StringComparison.Ordinal);
        Assert.Equal(1536, asFloat.ToFloats().Length);
        Assert.Equal(asBase64.ToFloats().ToArray(), asFloat.ToFloats().ToArray());
    }

    [Fact]
    public async Task GenerateEmbeddings_TwoTexts_DistinctVectorsAndTokenizerUsage()
    {
        OpenAIEmbeddingCollection result = await CreateEmbeddingClient().GenerateEmbeddingsAsync(["hello world", "a different sentence"]);

        Assert.Equal(2, result.Count);
        Assert.NotEqual(result[0].ToFloats().ToArray(), result[1].ToFloats().ToArray());
        var expected = Tokens.Count("hello world") + Tokens.Count("a different sentence");
        Assert.Equal(expected, result.Usage.InputTokenCount);
        Assert.Equal(expected, result.Usage.TotalTokenCount);
        var usage = Assert.Single(Sim.ReportedUsage);
        Assert.Equal("embeddings", usage.Endpoint);
        Assert.Equal(expected, usage.PromptTokens);
        Assert.Equal(0, usage.CompletionTokens);
    }

    [Fact]
    public async Task Embeddings_RawBase64_IsLittleEndianFloat32OfFloatResponse()
    {
        using var floatResponse = await PostJsonAsync("/v1/embeddings", """{"model":"text-embedding-3-small","input":"abc","dimensions":8}""");
        using var base64Response = await PostJsonAsync("/v1/embeddings", """{"model":"text-embedding-3-small","input":"abc","dimensions":8,"encoding_format":"base64"}""");

        using var floatJson = JsonDocument.Parse(await floatResponse.Content.ReadAsStringAsync());
        using var base64Json = JsonDocument.Parse(await base64Response.Content.ReadAsStringAsync());
        var floats = floatJson.RootElement.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var bytes = Convert.FromBase64String(base64Json.RootElement.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        var decoded = Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4))).ToArray();
        Assert.Equal(8, floats.Length);
        Assert.Equal(floats, decoded);
        Assert.Equal(Assert.Single(floatResponse.Headers.GetValues("x-request-id")), Sim.ReportedUsage[0].RequestId);
    }

    [Fact]
    public async Task Embeddings_TokenIdArrays_UsageCountsIds()
    {
        using var response = await PostJsonAsync("/v1/embeddings", """{"model":"text-embedding-3-small","input":[[1,2,3],[4,5]],"dimensions":4}""");

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, json.RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal(5, json.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(5, json.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Theory]
    [InlineData("""{"model":"text-embedding-3-small","input":""}""")]
    [InlineData("""{"model":"text-embedding-3-small","input":[]}""")]
    [InlineData("""{"model":"text-embedding-3-small"}""")]
    [InlineData("""{"model":"text-embedding-3-small","input":"x","encoding_format":"int8"}""")]
    public async Task Embeddings_InvalidInput_Returns400(string body)
    {
        using var response = await PostJsonAsync("/v1/embeddings", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());
    }
}
