using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AiGateway.UpstreamSimulator;

/// <summary>Extracts the bearer value from <c>Authorization</c>.</summary>
internal static class BearerToken
{
    public static string? Read(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string Scheme = "Bearer ";
        if (header.Length <= Scheme.Length || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header.AsSpan(Scheme.Length).Trim();
        return token.IsEmpty ? null : token.ToString();
    }
}
