using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AiGateway.KeyRotation.Provider;

/// <summary>
/// <see cref="IProviderKeyClient"/> over the provider's HTTP API: <c>POST {base}/keys</c> and
/// <c>DELETE {base}/keys/{id}</c> with the admin key as Bearer.
/// </summary>
internal sealed class HttpProviderKeyClient : IProviderKeyClient
{
    private readonly HttpClient _http;
    private readonly string _adminKey;

    /// <param name="http">A client whose <see cref="HttpClient.BaseAddress"/> is the API base ending in '/' (…/v1/).</param>
    /// <param name="adminKey">The management credential; it goes on each request message, never on the shared client.</param>
    public HttpProviderKeyClient(HttpClient http, string adminKey)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(adminKey);
        _http = http;
        _adminKey = adminKey.Trim();
    }

    public async Task<ProviderKey> CreateKeyAsync(string name, CancellationToken cancellationToken)
    {
        const string Operation = "POST /keys";
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = name });
        using var request = NewRequest(HttpMethod.Post, "keys");
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var document = await SendAsync(request, Operation, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(id.GetString())
            && root.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(key.GetString()))
        {
            return new ProviderKey(id.GetString()!, key.GetString()!.Trim());
        }
        // The key may have been created even though the answer is unusable; the caller cannot revoke what it
        // cannot name, so the message says to look at the provider's key list.
        throw new ProviderKeyException($"Provider answered {Operation} without an id and key; check the provider's key list for a stray key named '{name}'.");
    }

    public async Task RevokeKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        var operation = $"DELETE /keys/{keyId}";
        using var request = NewRequest(HttpMethod.Delete, "keys/" + Uri.EscapeDataString(keyId));
        using var document = await SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("deleted", out var deleted) && deleted.ValueKind == JsonValueKind.False)
        {
            throw new ProviderKeyException($"Provider answered {operation} with deleted=false; the key is still live.");
        }
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string relative)
    {
        var request = new HttpRequestMessage(method, relative);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private async Task<JsonDocument> SendAsync(HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderKeyException(0, operation, ex.HttpRequestError.ToString(), ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderKeyException(0, operation, "timed out", ex);
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ProviderKeyException((int)response.StatusCode, operation, ReadErrorCode(bytes));
            }
            try
            {
                return JsonDocument.Parse(bytes.Length == 0 ? "{}"u8.ToArray() : bytes);
            }
            catch (JsonException ex)
            {
                throw new ProviderKeyException(0, operation, "response is not JSON (HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) + ")", ex);
            }
        }
    }

    /// <summary>OpenAI-style <c>{"error":{"code","type"}}</c>; the message is not read (see <see cref="ProviderKeyException"/>).</summary>
    private static string? ReadErrorCode(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (ReadOnlySpan<string>)["code", "type"])
                {
                    if (error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A proxy answered with HTML or text: the status code is all there is.
        }
        return null;
    }
}
