using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AiGateway.UpstreamSimulator;

/// <summary>The timing and length settings for one request: options, overridden by <c>x-sim-*</c> headers.</summary>
internal readonly record struct SimulationSettings(
    int LatencyMs,
    int TimeToFirstTokenMs,
    int InterChunkDelayMs,
    int OutputTokens,
    int? AbortAfterChunks,
    int? RetryAfterSeconds)
{
    public const string LatencyHeader = "x-sim-latency-ms";
    public const string TimeToFirstTokenHeader = "x-sim-ttft-ms";
    public const string ChunkDelayHeader = "x-sim-chunk-delay-ms";
    public const string OutputTokensHeader = "x-sim-output-tokens";
    public const string AbortAfterChunksHeader = "x-sim-abort-after-chunks";
    public const string RetryAfterHeader = "x-sim-retry-after";

    /// <summary>Upper bound for any header value: keeps a typo from producing an hour-long delay or a gigabyte reply.</summary>
    private const int MaxHeaderValue = 600_000;

    public static bool TryResolve(
        IHeaderDictionary headers,
        SimulatorOptions options,
        out SimulationSettings settings,
        [NotNullWhen(false)] out OpenAiError? error)
    {
        settings = default;
        if (!TryRead(headers, LatencyHeader, out var latency, out error)
            || !TryRead(headers, TimeToFirstTokenHeader, out var ttft, out error)
            || !TryRead(headers, ChunkDelayHeader, out var chunkDelay, out error)
            || !TryRead(headers, OutputTokensHeader, out var outputTokens, out error)
            || !TryRead(headers, AbortAfterChunksHeader, out var abortAfter, out error)
            || !TryRead(headers, RetryAfterHeader, out var retryAfter, out error))
        {
            return false;
        }

        settings = new SimulationSettings(
            latency ?? options.LatencyMs,
            ttft ?? options.TimeToFirstTokenMs,
            chunkDelay ?? options.InterChunkDelayMs,
            outputTokens ?? options.OutputTokens,
            abortAfter,
            retryAfter);
        return true;
    }

    private static bool TryRead(IHeaderDictionary headers, string name, out int? value, [NotNullWhen(false)] out OpenAiError? error)
    {
        value = null;
        error = null;
        if (!headers.TryGetValue(name, out var raw))
        {
            return true;
        }

        var text = raw.ToString();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed <= MaxHeaderValue)
        {
            value = parsed;
            return true;
        }

        error = OpenAiErrors.InvalidSimulatorHeader(name, text);
        return false;
    }
}
