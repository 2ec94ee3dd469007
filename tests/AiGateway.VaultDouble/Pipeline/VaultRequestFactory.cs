using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AiGateway.VaultDouble;

/// <summary>
/// Turns an HTTP request into a <see cref="VaultRequest"/> the way Vault's HTTP layer does (WIRE-FACTS A.5, A.8):
/// verb → operation (<c>LIST</c> and <c>GET ?list=true</c> alike), slashes collapsed, <c>X-Vault-Namespace</c> as a
/// path prefix, token from <c>X-Vault-Token</c> or <c>Authorization: Bearer</c>, JSON body whatever the Content-Type.
/// </summary>
internal static class VaultRequestFactory
{
    public const string TokenHeader = "X-Vault-Token";
    public const string NamespaceHeader = "X-Vault-Namespace";

    public static bool TryCreate(HttpContext context, byte[] body, out VaultRequest? request, out VaultResponse? error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        request = null;
        var http = context.Request;
        var query = ReadQuery(http.Query);
        if (ToOperation(http.Method, query) is not { } operation)
        {
            // Vault refuses verbs it has no operation for before it looks at the token.
            error = VaultResponse.UnsupportedOperation();
            return false;
        }

        var rawPath = VaultPaths.CollapseSlashes(http.PathBase.Add(http.Path).Value ?? "");
        if (!rawPath.StartsWith(VaultPaths.ApiPrefix, StringComparison.Ordinal))
        {
            error = VaultResponse.NotFound();
            return false;
        }

        var path = ApplyNamespace(rawPath[VaultPaths.ApiPrefix.Length..], http.Headers[NamespaceHeader].ToString());
        if (operation == VaultOperation.List && !path.EndsWith('/'))
        {
            path += "/"; // Vault lists folders: LIST secret/metadata/app is LIST secret/metadata/app/
        }

        JsonObject? json = null;
        if (operation is (VaultOperation.Create or VaultOperation.Update or VaultOperation.Patch) && !TryParseBody(body, out json, out error))
        {
            return false;
        }

        request = new VaultRequest { Operation = operation, Path = path, Query = query, Body = json, Token = ReadToken(http.Headers) };
        error = null;
        return true;
    }

    private static VaultOperation? ToOperation(string method, Dictionary<string, string> query) => method switch
    {
        "GET" => query.TryGetValue("list", out var list) && IsTrue(list) ? VaultOperation.List : VaultOperation.Read,
        "LIST" => VaultOperation.List,
        "POST" or "PUT" => VaultOperation.Update,
        "DELETE" => VaultOperation.Delete,
        "PATCH" => VaultOperation.Patch,
        "HEAD" => VaultOperation.Head,
        _ => null,
    };

    private static bool IsTrue(string value) => value == "1" || (bool.TryParse(value, out var flag) && flag);

    /// <summary>
    /// Only the root namespace exists, so a namespace header simply prefixes the path (<c>ns1/holysheepai/...</c>):
    /// that path matches no mount or policy, giving 403 (or 404 for root) as for a namespace that does not exist.
    /// <c>sys/health</c> is exempt, being served by the root namespace only.
    /// </summary>
    private static string ApplyNamespace(string path, string header)
    {
        var ns = header.Trim().Trim('/');
        return ns.Length == 0 || ns == "root" || path == SysHealthHandler.Path ? path : $"{ns}/{path}";
    }

    private static bool TryParseBody(byte[] body, out JsonObject? json, out VaultResponse? error)
    {
        json = null;
        error = null;
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return true; // Vault treats an empty body as "no parameters" (hvac's renew_self sends {} or nothing)
        }

        try
        {
            var node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
            if (node is JsonObject obj)
            {
                json = obj;
                return true;
            }

            error = VaultResponse.BadRequest($"failed to parse JSON input: json: cannot unmarshal {Describe(node)} into Go value of type map[string]interface {{}}");
        }
        catch (JsonException ex)
        {
            error = VaultResponse.BadRequest("failed to parse JSON input: " + ex.Message);
        }

        return false;
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            _ => "bool",
        },
    };

    private static string? ReadToken(IHeaderDictionary headers)
    {
        var token = headers[TokenHeader].ToString();
        if (token.Length > 0)
        {
            return token;
        }

        var authorization = headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > bearer.Length
            ? authorization[bearer.Length..].Trim()
            : null;
    }

    private static Dictionary<string, string> ReadQuery(IQueryCollection query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in query)
        {
            values[key] = value.Count > 0 ? value[0] ?? "" : "";
        }

        return values;
    }
}
