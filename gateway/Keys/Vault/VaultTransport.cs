using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiGateway.Keys.Vault;

/// <summary>
/// One HTTP exchange with Vault's API: headers (<c>X-Vault-Token</c>, <c>X-Vault-Namespace</c>,
/// <c>X-Vault-Request</c>), JSON in and out, and <c>{"errors":[…]}</c> turned into <see cref="VaultException"/>.
/// Knows nothing about tokens' lifecycles; <see cref="VaultSession"/> does.
/// </summary>
internal sealed class VaultTransport
{
    private static readonly HttpMethod List = new("LIST");

    private readonly HttpClient _http;
    private readonly string? _namespace;

    public VaultTransport(HttpClient http, string? vaultNamespace)
    {
        _http = http;
        _namespace = string.IsNullOrWhiteSpace(vaultNamespace) ? null : vaultNamespace.Trim().Trim('/') + "/";
    }

    /// <summary>Sends a request; returns the parsed body (null for 204), or null for a plain 404 when <paramref name="notFoundIsNull"/>.</summary>
    public async Task<JsonElement?> SendAsync(HttpMethod method, string path, JsonObject? body, string? token, bool notFoundIsNull, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method == List ? List : method, "v1/" + path.TrimStart('/'));
        request.Headers.TryAddWithoutValidation("X-Vault-Request", "true");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Vault-Token", token);
        }
        if (_namespace is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Vault-Namespace", _namespace);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, MediaTypeHeaderValue.Parse("application/json"));
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new VaultException(0, method.Method, path, [ex.HttpRequestError.ToString()], ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VaultException(0, method.Method, path, ["timed out"], ex);
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return bytes.Length == 0 ? null : Parse(bytes, method, path, (int)response.StatusCode);
            }
            var errors = ReadErrors(bytes);
            // Only Vault's "nothing here" 404s (no errors, as for a missing or deleted secret) mean absent;
            // "unsupported path" and friends mean a wrong mount or path, which must not look like "no secret".
            if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull && errors.Count == 0)
            {
                return null;
            }
            throw new VaultException((int)response.StatusCode, method.Method, path, errors);
        }
    }

    public static HttpMethod ListMethod => List;

    private static JsonElement Parse(byte[] bytes, HttpMethod method, string path, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new VaultException(status, method.Method, path, ["response is not JSON"], ex);
        }
    }

    private static List<string> ReadErrors(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                return errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();
            }
        }
        catch (JsonException)
        {
            // A proxy in front of Vault answered with HTML or text; the status code is all we have.
        }
        return [];
    }
}
