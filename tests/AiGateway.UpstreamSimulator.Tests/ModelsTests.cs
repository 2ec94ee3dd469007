using System.ClientModel;
using OpenAI.Models;

namespace AiGateway.UpstreamSimulator.Tests;

public sealed class ModelsTests : SimulatorTestBase
{
    [Fact]
    public async Task GetModels_Sdk_ListsConfiguredModels()
    {
        var client = new OpenAIModelClient(new ApiKeyCredential(DefaultKey), SdkOptions());

        OpenAIModelCollection models = await client.GetModelsAsync();

        Assert.Equal(Sim.Options.Models, models.Select(m => m.Id));
        Assert.All(models, m => Assert.Equal("upstream-simulator", m.OwnedBy));
    }

    [Fact]
    public async Task GetModel_KnownId_ReturnsThatModel()
    {
        var client = new OpenAIModelClient(new ApiKeyCredential(DefaultKey), SdkOptions());

        OpenAIModel model = await client.GetModelAsync("deepseek-v3.2");

        Assert.Equal("deepseek-v3.2", model.Id);
    }

    [Fact]
    public async Task GetModel_UnknownId_SdkThrows404()
    {
        var client = new OpenAIModelClient(new ApiKeyCredential(DefaultKey), SdkOptions());

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.GetModelAsync("no-such-model"));

        Assert.Equal(404, ex.Status);
        Assert.Contains("model_not_found", ex.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }
}
