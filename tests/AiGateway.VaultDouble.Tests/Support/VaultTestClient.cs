using System.Net.Http.Headers;
using System.Text;

namespace AiGateway.VaultDouble.Tests;

/// <summary>A raw HTTP client for the double: tests control every verb, header and byte, as the wire tests need.</summary>
internal sealed class VaultTestClient : IDisposable
{
    private readonly HttpClient _http;

    public VaultTestClient(VaultTestDouble vault)
    {
        _http = new HttpClient { BaseAddress = vault.Address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Task<VaultReply> GetAsync(string path, string? token = null) => SendAsync("GET", path, token);

    public Task<VaultReply> PostAsync(string path, string? token, string? json) => SendAsync("POST", path, token, json);

    public Task<VaultReply> ListAsync(string path, string? token) => SendAsync("LIST", path, token);

    public Task<VaultReply> DeleteAsync(string path, string? token) => SendAsync("DELETE", path, token);

    /// <param name="method">Any verb, including Vault's LIST.</param>
    /// <param name="path">Relative (<c>v1/...</c>) or absolute.</param>
    /// <param name="token">Sent as <c>X-Vault-Token</c> when not null.</param>
    /// <param name="body">The body text, or null for none.</param>
    /// <param name="contentType">The body's media type (VaultSharp sends text/plain).</param>
    /// <param name="headers">Extra request headers.</param>
    public async Task<VaultReply> SendAsync(
        string method,
        string path,
        string? token = null,
        string? body = null,
        string contentType = "application/json",
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null)
        {
            request.Headers.Add("X-Vault-Token", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType));
        }

        using var response = await _http.SendAsync(request);
        return new VaultReply(
            response.StatusCode,
            response.Content.Headers.TryGetValues("Content-Type", out var type) ? string.Join(", ", type) : null,
            response.Headers.TryGetValues("Cache-Control", out var cache) ? string.Join(", ", cache) : null,
            await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}
