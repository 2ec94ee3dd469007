using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGateway.Spend;

/// <summary>
/// One line of the spend ledger: one per forwarded request, idempotent by <see cref="RequestId"/>.
/// Who (token, team, app), what (endpoint, model, tokens), how it ended, what it cost. Never content, never a secret.
/// </summary>
public sealed record LedgerRecord
{
    public required string RequestId { get; init; }

    /// <summary>The upstream's <c>x-request-id</c>: what the provider bills by.</summary>
    public string? UpstreamRequestId { get; init; }

    /// <summary>When the request arrived, Unix milliseconds (UTC); it decides the day and month charged.</summary>
    public required long TimeMs { get; init; }

    public required string TokenId { get; init; }
    public required string Team { get; init; }
    public required string App { get; init; }
    public required string Endpoint { get; init; }
    public required string Model { get; init; }
    public required int InputTokens { get; init; }
    public required int OutputTokens { get; init; }
    public required long CostMicros { get; init; }

    /// <summary>HTTP status the client saw (0 when it left before a response).</summary>
    public required int Status { get; init; }

    public required long LatencyMs { get; init; }

    /// <summary>True when the tokens are the upstream's own usage; false for the gateway's estimate.</summary>
    public bool UsageFromUpstream { get; init; }

    public bool Stream { get; init; }

    [JsonIgnore]
    public DateOnly Day => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(TimeMs).UtcDateTime);

    [JsonIgnore]
    public string Month => MonthOf(TimeMs);

    public static string MonthOf(long timeMs) => SpendCalendar.MonthOf(timeMs);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LedgerRecord))]
internal sealed partial class LedgerJsonContext : JsonSerializerContext;
