using System.Globalization;

namespace AiGateway.LoadTests;

/// <summary>A progress line, produced every <see cref="LoadRunOptions.ReportInterval"/> during a measured run.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Elapsed">Time since the measured run started.</param>
/// <param name="IntervalRps">Requests completed per second during the last interval.</param>
/// <param name="P99Ms">99th-percentile latency of successful requests so far.</param>
/// <param name="Completed">Requests completed so far.</param>
/// <param name="Errors">Requests that failed so far.</param>
/// <param name="Dropped">Open model: arrivals not sent because the in-flight cap was reached.</param>
/// <param name="InFlight">Requests in flight right now.</param>
public sealed record IntervalReport(string Scenario, TimeSpan Elapsed, double IntervalRps, double P99Ms, long Completed, long Errors, long Dropped, int InFlight)
{
    /// <summary>One line, e.g. <c>[chat]   5.0s   2000 rps  p99 1.234 ms  done 10000  errors 0  dropped 0  in-flight 3</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"[{Scenario}] {Elapsed.TotalSeconds,6:0.0}s {IntervalRps,8:0} rps  p99 {P99Ms:0.000} ms  done {Completed}  errors {Errors}  dropped {Dropped}  in-flight {InFlight}");
}
