using System.Net;
using System.Text.Json;

namespace AiGateway.IntegrationTests.Infrastructure;

/// <summary>Asserts that a response is an error in OpenAI's exact shape, as SDKs parse it.</summary>
public static class OpenAiErrorAssert
{
    public static async Task<JsonElement> IsErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? code = null, string? param = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        var error = document.RootElement.GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.String, error.GetProperty("type").ValueKind);
        if (code is not null)
        {
            Assert.Equal(code, error.GetProperty("code").GetString());
        }
        if (param is not null)
        {
            Assert.Equal(param, error.GetProperty("param").GetString());
        }
        return error.Clone();
    }
}
