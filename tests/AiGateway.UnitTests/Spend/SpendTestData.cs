using System.Globalization;
using AiGateway.Spend;

namespace AiGateway.UnitTests.Spend;

/// <summary>Records, requests and policies the spend tests build, with fixed past times (Redis reads its ledger by time).</summary>
internal static class SpendTestData
{
    /// <summary>A moment in the past (the Redis ledger is read from stream ids, which are Redis's own clock).</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 10, 0, 0, TimeSpan.Zero);

    public const string Month = "2025-03";

    public static long StartMs => Start.ToUnixTimeMilliseconds();

    public static string NewRequestId() => RequestIds.New();

    public static SpendPolicy Caps(long teamCap = 0, long tokenCap = 0, int alertPercent = SpendPolicy.DefaultAlertPercent) =>
        new(teamCap, tokenCap, alertPercent, VelocityLimit.None, VelocityLimit.None);

    public static SpendPolicy Breakers(VelocityLimit team = default, VelocityLimit token = default) =>
        new(0, 0, SpendPolicy.DefaultAlertPercent, team, token);

    public static SpendRequest Request(string team, long micros, SpendPolicy policy, string token = "tok_a", string? requestId = null, string month = Month) =>
        new(team, token, requestId ?? NewRequestId(), micros, policy, month);

    public static LedgerRecord Record(string team, long cost, string token = "tok_a", string? requestId = null, long? timeMs = null,
        string app = "app-1", string model = "gpt-4.1", int input = 100, int output = 50) => new()
        {
            RequestId = requestId ?? NewRequestId(),
            UpstreamRequestId = "up-" + (requestId ?? "x"),
            TimeMs = timeMs ?? StartMs,
            TokenId = token,
            Team = team,
            App = app,
            Endpoint = "chat",
            Model = model,
            InputTokens = input,
            OutputTokens = output,
            CostMicros = cost,
            Status = 200,
            LatencyMs = 42,
            UsageFromUpstream = true,
            Stream = false,
        };

    public static long Ms(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();

    /// <summary>The repository root (the folder holding AiGateway.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiGateway.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("AiGateway.sln not found.");
    }
}
