using System.Globalization;
using AiGateway.Errors;
using AiGateway.Limits;
using Microsoft.AspNetCore.Http;

namespace AiGateway.Proxy;

/// <summary>
/// OpenAI's <c>x-ratelimit-*</c> and <c>retry-after</c> headers, from the gateway's own limits. Only
/// dimensions that have a limit are reported (absent headers mean "not limited here", as with OpenAI).
/// </summary>
internal static class RateLimitHeaders
{
    /// <summary>SDKs before mid-2026 ignore retry-after above 60 s and fall back to short backoff; stay within it.</summary>
    public const long MaxRetryAfterMs = 60_000;

    public static void Write(IHeaderDictionary headers, in RateLimitState state)
    {
        if (state.RequestLimit > 0)
        {
            headers["x-ratelimit-limit-requests"] = state.RequestLimit.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-requests"] = state.RequestsRemaining.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-requests"] = GoDuration.Format(state.RequestsResetMs);
        }
        if (state.TokenLimit > 0)
        {
            headers["x-ratelimit-limit-tokens"] = state.TokenLimit.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-tokens"] = state.TokensRemaining.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-tokens"] = GoDuration.Format(state.TokensResetMs);
        }
    }

    public static void WriteRetryAfter(IHeaderDictionary headers, long retryAfterMs)
    {
        var ms = Math.Clamp(retryAfterMs, 1, MaxRetryAfterMs);
        headers["retry-after"] = ((ms + 999) / 1000).ToString(CultureInfo.InvariantCulture);
        headers["retry-after-ms"] = ms.ToString(CultureInfo.InvariantCulture);
    }
}
