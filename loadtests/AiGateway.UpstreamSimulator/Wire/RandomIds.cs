using System.Security.Cryptography;

namespace AiGateway.UpstreamSimulator;

/// <summary>Random base62 strings for response ids and API keys.</summary>
internal static class RandomIds
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// For ids on the hot path (<c>chatcmpl-…</c>, <c>req_…</c>): they only need to be unique, not unguessable,
    /// so the cheap shared PRNG is fine.
    /// </summary>
#pragma warning disable CA5394 // Ids are not secrets; see summary.
    public static string Fast(int length) =>
        string.Create(length, 0, static (span, _) => Random.Shared.GetItems(Base62, span));
#pragma warning restore CA5394

    /// <summary>For API keys, which are credentials even in a simulator.</summary>
    public static string Secure(int length) =>
        string.Create(length, 0, static (span, _) => RandomNumberGenerator.GetItems(Base62, span));
}
