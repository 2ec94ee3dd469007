using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiGateway.Keys.Vault;

/// <summary>
/// KV v2 over <see cref="VaultTransport"/> with the session's token. A call refused because the token is
/// no longer valid is retried once after a fresh login.
/// </summary>
internal sealed class VaultClient : IVaultClient
{
    private readonly VaultTransport _transport;
    private readonly VaultSession _session;
    private readonly string _mount;

    public VaultClient(VaultTransport transport, VaultSession session, string mount)
    {
        _transport = transport;
        _session = session;
        _mount = mount.Trim('/');
    }

    public async Task<KvSecret?> ReadSecretAsync(string path, int? version, CancellationToken cancellationToken)
    {
        var query = version is { } v ? "?version=" + v.ToString(CultureInfo.InvariantCulture) : "";
        var full = $"{_mount}/data/{Clean(path)}";
        var response = await SendAsync(HttpMethod.Get, full + query, null, notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        return Shape(full, () =>
        {
            if (response is not { } body || body.GetProperty("data") is not { ValueKind: JsonValueKind.Object } data
                || data.GetProperty("data") is not { ValueKind: JsonValueKind.Object } values)
            {
                return null;
            }
            var metadata = data.GetProperty("metadata");
            return new KvSecret(
                ReadStringMap(data, "data")!,
                metadata.GetProperty("version").GetInt32(),
                ReadTime(metadata, "created_time"),
                ReadStringMap(metadata, "custom_metadata"));
        });
    }

    public async Task<KvMetadata?> ReadMetadataAsync(string path, CancellationToken cancellationToken)
    {
        var full = $"{_mount}/metadata/{Clean(path)}";
        var response = await SendAsync(HttpMethod.Get, full, null, notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        return Shape(full, () =>
        {
            if (response is not { } body || body.GetProperty("data") is not { ValueKind: JsonValueKind.Object } data)
            {
                return null;
            }
            return new KvMetadata(
                data.GetProperty("current_version").GetInt32(),
                ReadTime(data, "created_time"),
                ReadTime(data, "updated_time"),
                ReadStringMap(data, "custom_metadata") ?? new Dictionary<string, string>());
        });
    }

    public async Task<int> WriteSecretAsync(string path, IReadOnlyDictionary<string, string> data, int? cas, CancellationToken cancellationToken)
    {
        var values = new JsonObject();
        foreach (var (key, value) in data)
        {
            values[key] = value;
        }
        var body = new JsonObject { ["data"] = values };
        if (cas is { } c)
        {
            body["options"] = new JsonObject { ["cas"] = c };
        }
        var full = $"{_mount}/data/{Clean(path)}";
        var response = await SendAsync(HttpMethod.Post, full, body, notFoundIsNull: false, cancellationToken).ConfigureAwait(false)
            ?? throw new VaultException("Vault returned no body for a KV write.");
        return Shape(full, () => response.GetProperty("data").GetProperty("version").GetInt32());
    }

    public async Task WriteCustomMetadataAsync(string path, IReadOnlyDictionary<string, string> customMetadata, CancellationToken cancellationToken)
    {
        var map = new JsonObject();
        foreach (var (key, value) in customMetadata)
        {
            map[key] = value;
        }
        await SendAsync(HttpMethod.Post, $"{_mount}/metadata/{Clean(path)}", new JsonObject { ["custom_metadata"] = map }, notFoundIsNull: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListAsync(string folder, CancellationToken cancellationToken)
    {
        var full = $"{_mount}/metadata/{Clean(folder)}/";
        var response = await SendAsync(VaultTransport.ListMethod, full, null, notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        return Shape<IReadOnlyList<string>>(full, () =>
        {
            if (response is not { } body || body.GetProperty("data") is not { ValueKind: JsonValueKind.Object } data)
            {
                return [];
            }
            return data.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!).ToList();
        });
    }

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _transport.SendAsync(HttpMethod.Get, "sys/health", null, token: null, notFoundIsNull: false, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (VaultException)
        {
            return false;
        }
    }

    /// <summary>Reads a field out of a response; an unexpected shape becomes a <see cref="VaultException"/> like every other failure.</summary>
    private static T Shape<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new VaultException($"Vault's response for /v1/{path} has an unexpected shape ({ex.Message}).", ex);
        }
    }

    private async Task<JsonElement?> SendAsync(HttpMethod method, string path, JsonObject? body, bool notFoundIsNull, CancellationToken cancellationToken)
    {
        var token = await _session.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _transport.SendAsync(method, path, body, token, notFoundIsNull, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultException ex) when (ex.IsInvalidToken)
        {
            // Revoked or expired behind our back (Vault restart, admin revoke): one fresh login, one retry.
            _session.Invalidate(token);
            token = await _session.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            return await _transport.SendAsync(method, path, body, token, notFoundIsNull, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Clean(string path) => path.Trim('/');

    private static DateTimeOffset? ReadTime(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <summary>A JSON object as strings; non-string values keep their JSON text rather than being dropped.</summary>
    private static Dictionary<string, string>? ReadStringMap(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal)
            : null;
}
