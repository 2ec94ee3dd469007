using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using System.Text;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace AiGateway.UpstreamSimulator.Tests;

/// <summary>
/// Starts a fresh simulator on a loopback port for every test (xunit creates one class instance per test),
/// so no test sees another's requests, usage or keys.
/// </summary>
public abstract class SimulatorTestBase : IAsyncLifetime
{
    protected const string DefaultKey = "sk-sim-local";
    protected const string AdminKey = "sim-admin";
    protected const string ChatModel = "gpt-4.1";
    protected const string EmbeddingModel = "text-embedding-3-small";

    protected UpstreamSimulator Sim { get; private set; } = null!;

    protected HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        Sim = await UpstreamSimulator.StartAsync();
        Http.BaseAddress = Sim.RootUrl;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Sim.DisposeAsync();
    }

    /// <summary>SDK client options pointing at the simulator; retries off so error tests see the first answer.</summary>
    protected OpenAIClientOptions SdkOptions() => new()
    {
        Endpoint = Sim.BaseUrl,
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    };

    protected ChatClient CreateChatClient(string key = DefaultKey, string model = ChatModel) =>
        new(model, new ApiKeyCredential(key), SdkOptions());

    protected EmbeddingClient CreateEmbeddingClient(string key = DefaultKey) =>
        new(EmbeddingModel, new ApiKeyCredential(key), SdkOptions());

    /// <summary>Raw POST with a JSON body, an optional bearer and extra headers (for what the SDK hides).</summary>
    protected Task<HttpResponseMessage> PostJsonAsync(string path, string json, string? key = DefaultKey, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        return SendAsync(request, key, headers);
    }

    protected Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? key, params (string Name, string Value)[] headers)
    {
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
