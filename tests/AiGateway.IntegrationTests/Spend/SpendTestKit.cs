using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AiGateway.IntegrationTests.Infrastructure;
using AiGateway.Spend;
using OpenAI;

namespace AiGateway.IntegrationTests.Spend;

/// <summary>What a client saw of one response: the gateway's request id, the upstream's, and the status.</summary>
public sealed record SeenResponse(int Status, string? RequestId, string? UpstreamRequestId);

/// <summary>
/// Reads finance's view of a gateway (ledger, spend, budgets, /metrics) and prices requests from
/// policies/pricing.json on its own, so the tests compare the gateway against an independent computation.
/// </summary>
internal static class SpendTestKit
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>A range wide enough for any test run, midnight (UTC) included.</summary>
    public static string Days
    {
        get
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            return $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        }
    }

    // ---- prices, computed independently of the gateway's Money/PriceTable ----

    /// <summary>USD per 1M tokens (input, output) per model, read from the shipped pricing.json as decimals.</summary>
    public static IReadOnlyDictionary<string, (decimal Input, decimal Output)> ShippedPrices()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.ShippedPolicies, "pricing.json")));
        var prices = new Dictionary<string, (decimal, decimal)>(StringComparer.Ordinal);
        foreach (var model in document.RootElement.GetProperty("models").EnumerateObject())
        {
            prices[model.Name] = (model.Value.GetProperty("inputPerMillion").GetDecimal(), model.Value.GetProperty("outputPerMillion").GetDecimal());
        }
        return prices;
    }

    /// <summary>ceil((in × inputPrice + out × outputPrice) / 1e6), prices in micro-dollars per 1M tokens, in decimal.</summary>
    public static long ExpectedCostMicros(IReadOnlyDictionary<string, (decimal Input, decimal Output)> prices, string model, long input, long output)
    {
        var (inUsd, outUsd) = prices[model];
        decimal inputPrice = inUsd * 1_000_000m, outputPrice = outUsd * 1_000_000m;
        return (long)decimal.Ceiling((input * inputPrice + output * outputPrice) / 1_000_000m);
    }

    // ---- admin API ----

    public static async Task<List<LedgerRecord>> LedgerAsync(GatewayHost gateway, string? team = null)
    {
        var text = await GetTextAsync(gateway, $"/admin/ledger?{Days}" + (team is null ? "" : "&team=" + Uri.EscapeDataString(team)));
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<LedgerRecord>(line, Web)!)];
    }

    public static async Task<string> GetTextAsync(GatewayHost gateway, string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }
        using var response = await gateway.Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    /// <summary>One row of /admin/spend: its dimension values and sums.</summary>
    public sealed record Row(string Key, long Requests, long InputTokens, long OutputTokens, long CostMicros);

    /// <summary>
    /// GET /admin/spend as JSON: rows keyed by the dimension values in <paramref name="keyColumns"/> joined by '|',
    /// and the total row.
    /// </summary>
    public static async Task<(List<Row> Rows, Row Total)> SpendJsonAsync(GatewayHost gateway, string groupBy, params string[] keyColumns)
    {
        var text = await GetTextAsync(gateway, $"/admin/spend?{Days}&groupBy={groupBy}");
        using var document = JsonDocument.Parse(text);
        var rows = document.RootElement.GetProperty("rows").EnumerateArray()
            .Select(r => new Row(string.Join('|', keyColumns.Select(c => r.GetProperty(c).GetString())),
                r.GetProperty("requests").GetInt64(), r.GetProperty("inputTokens").GetInt64(), r.GetProperty("outputTokens").GetInt64(),
                r.GetProperty("costMicros").GetInt64()))
            .ToList();
        var t = document.RootElement.GetProperty("total");
        foreach (var row in document.RootElement.GetProperty("rows").EnumerateArray())
        {
            // The USD string is the micro-dollar figure, exactly.
            Assert.Equal(Usd(row.GetProperty("costMicros").GetInt64()), row.GetProperty("cost").GetString());
        }
        return (rows, new Row("total", t.GetProperty("requests").GetInt64(), t.GetProperty("inputTokens").GetInt64(),
            t.GetProperty("outputTokens").GetInt64(), t.GetProperty("costMicros").GetInt64()));
    }

    /// <summary>GET /admin/spend as CSV (<c>format=csv</c>, or <c>Accept: text/csv</c> when <paramref name="byAcceptHeader"/>).</summary>
    public static async Task<List<Row>> SpendCsvAsync(GatewayHost gateway, string groupBy, bool byAcceptHeader, params string[] keyColumns)
    {
        var text = byAcceptHeader
            ? await GetTextAsync(gateway, $"/admin/spend?{Days}&groupBy={groupBy}", "text/csv")
            : await GetTextAsync(gateway, $"/admin/spend?{Days}&groupBy={groupBy}&format=csv");
        var table = Csv.Parse(text);
        var header = table[0];
        int Col(string name)
        {
            var i = Array.IndexOf(header, name);
            Assert.True(i >= 0, $"CSV has no column {name}: {string.Join(",", header)}");
            return i;
        }
        var rows = new List<Row>();
        foreach (var line in table.Skip(1))
        {
            Assert.Equal(header.Length, line.Length);
            var cost = long.Parse(line[Col("cost_micros")], CultureInfo.InvariantCulture);
            Assert.Equal(Usd(cost), line[Col("cost_usd")]);
            rows.Add(new Row(string.Join('|', keyColumns.Select(c => line[Col(c)])),
                long.Parse(line[Col("requests")], CultureInfo.InvariantCulture),
                long.Parse(line[Col("input_tokens")], CultureInfo.InvariantCulture),
                long.Parse(line[Col("output_tokens")], CultureInfo.InvariantCulture),
                cost));
        }
        return rows;
    }

    /// <summary>The same sums computed from ledger records, keyed like <see cref="SpendJsonAsync"/>.</summary>
    public static List<Row> Group(IEnumerable<LedgerRecord> records, Func<LedgerRecord, string> key) =>
        [.. records.GroupBy(key).Select(g => new Row(g.Key, g.Count(), g.Sum(r => (long)r.InputTokens), g.Sum(r => (long)r.OutputTokens), g.Sum(r => r.CostMicros)))];

    public static string Day(LedgerRecord record) =>
        DateTimeOffset.FromUnixTimeMilliseconds(record.TimeMs).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(LedgerRecord record) =>
        DateTimeOffset.FromUnixTimeMilliseconds(record.TimeMs).UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Asserts two row sets are the same, whatever their order.</summary>
    public static void SameRows(IEnumerable<Row> expected, IEnumerable<Row> actual, string what)
    {
        var e = expected.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var a = actual.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        Assert.True(e.SequenceEqual(a), $"{what} differs from the ledger.\nledger: {string.Join("; ", e)}\napi:    {string.Join("; ", a)}");
    }

    /// <summary>Team → (spentMicros, reservedMicros, limitMicros) from /admin/budgets, and its month.</summary>
    public static async Task<(string Month, Dictionary<string, (long Spent, long Reserved, long Limit)> Teams)> BudgetsAsync(GatewayHost gateway)
    {
        using var document = JsonDocument.Parse(await GetTextAsync(gateway, "/admin/budgets"));
        var teams = document.RootElement.GetProperty("teams").EnumerateArray().ToDictionary(
            t => t.GetProperty("team").GetString()!,
            t => (t.GetProperty("spentMicros").GetInt64(), t.GetProperty("reservedMicros").GetInt64(), t.GetProperty("limitMicros").GetInt64()));
        return (document.RootElement.GetProperty("month").GetString()!, teams);
    }

    // ---- /metrics ----

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static async Task<List<Sample>> MetricsAsync(GatewayHost gateway)
    {
        using var response = await gateway.Admin.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics: {(int)response.StatusCode}");
        return Prometheus.Parse(text);
    }

    /// <summary>Sum of a counter's samples grouped by the given labels (joined by '|').</summary>
    public static Dictionary<string, long> SumBy(IEnumerable<Sample> samples, string name, Func<Sample, bool>? where, params string[] labels) =>
        samples.Where(s => s.Name == name && (where is null || where(s)))
            .GroupBy(s => string.Join('|', labels.Select(l => s.Labels.GetValueOrDefault(l, ""))))
            .ToDictionary(g => g.Key, g => (long)g.Sum(s => s.Value), StringComparer.Ordinal);

    // ---- waiting for a condition (no fixed sleeps) ----

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> at the deadline.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > deadline)
            {
                Assert.Fail($"Timed out after {deadline.TotalSeconds} s waiting until {what}.");
            }
            await Task.Delay(25);
        }
    }

    /// <summary>Waits until the ledger of the gateway holds exactly <paramref name="count"/> records (settlement runs after the response).</summary>
    public static async Task<List<LedgerRecord>> LedgerWhenCountAsync(GatewayHost gateway, int count, string? team = null)
    {
        List<LedgerRecord> records = [];
        await WaitUntilAsync(async () => (records = await LedgerAsync(gateway, team)).Count >= count, TimeSpan.FromSeconds(20),
            $"the ledger holds {count} records");
        Assert.Equal(count, records.Count);
        return records;
    }

    /// <summary>
    /// Waits until <c>aigw_requests_total</c> counts <paramref name="count"/> requests: the counter is recorded last, after
    /// every inner step (the ledger's settlement included) has finished with the request.
    /// </summary>
    public static async Task<List<Sample>> MetricsWhenRequestsAsync(GatewayHost gateway, long count)
    {
        List<Sample> samples = [];
        await WaitUntilAsync(async () =>
        {
            samples = await MetricsAsync(gateway);
            return samples.Where(s => s.Name == "aigw_requests_total").Sum(s => (long)s.Value) >= count;
        }, TimeSpan.FromSeconds(20), $"aigw_requests_total reaches {count}");
        Assert.Equal(count, samples.Where(s => s.Name == "aigw_requests_total").Sum(s => (long)s.Value));
        return samples;
    }

    public static string Usd(long micros) => Money.FormatUsd(micros);

    // ---- clients that remember what they saw ----

    /// <summary>An OpenAI SDK client on the gateway (retries off) that records every response's ids and status.</summary>
    public static OpenAIClient RecordingOpenAi(GatewayHost gateway, string token, ConcurrentBag<SeenResponse> seen)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(gateway.ProxyUrl, "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        options.AddPolicy(new RecordResponses(seen), PipelinePosition.PerCall);
        return new OpenAIClient(new ApiKeyCredential(token), options);
    }

    public static SeenResponse Seen(HttpResponseMessage response) => new((int)response.StatusCode,
        response.Headers.TryGetValues("x-aigw-request-id", out var id) ? id.Single() : null,
        response.Headers.TryGetValues("x-request-id", out var upstream) ? upstream.Single() : null);

    private sealed class RecordResponses(ConcurrentBag<SeenResponse> seen) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            ProcessNext(message, pipeline, currentIndex);
            Record(message);
        }

        public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            await ProcessNextAsync(message, pipeline, currentIndex);
            Record(message);
        }

        private void Record(PipelineMessage message)
        {
            if (message.Response is { } response)
            {
                seen.Add(new SeenResponse(response.Status,
                    response.Headers.TryGetValue("x-aigw-request-id", out var id) ? id : null,
                    response.Headers.TryGetValue("x-request-id", out var upstream) ? upstream : null));
            }
        }
    }

    /// <summary>Every secret a gateway test knows: the team keys, the admin credential and the given caller tokens.</summary>
    public static void AssertNoSecrets(string text, IEnumerable<string> tokens, string where)
    {
        var leaked = GatewayHost.TeamKeys.Values.Append(GatewayHost.AdminToken).Concat(tokens).Count(s => text.Contains(s, StringComparison.Ordinal));
        Assert.True(leaked == 0, $"{leaked} secret(s) appeared in {where}.");
    }
}

/// <summary>RFC 4180 reading, enough for the gateway's CSV exports.</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add([.. row]);
                    row.Clear();
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }
        return rows;
    }
}

/// <summary>The Prometheus text exposition format, samples only (comments skipped).</summary>
internal static class Prometheus
{
    public static List<SpendTestKit.Sample> Parse(string text)
    {
        var samples = new List<SpendTestKit.Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            string name;
            int rest;
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (brace >= 0 && (space < 0 || brace < space))
            {
                name = line[..brace];
                var i = brace + 1;
                while (line[i] != '}')
                {
                    var eq = line.IndexOf('=', i);
                    var label = line[i..eq].Trim().TrimStart(',').Trim();
                    i = eq + 2; // past ="
                    var value = new System.Text.StringBuilder();
                    while (line[i] != '"')
                    {
                        if (line[i] == '\\')
                        {
                            i++;
                            value.Append(line[i] == 'n' ? '\n' : line[i]);
                        }
                        else
                        {
                            value.Append(line[i]);
                        }
                        i++;
                    }
                    labels[label] = value.ToString();
                    i++; // past closing quote
                    if (line[i] == ',')
                    {
                        i++;
                    }
                }
                rest = i + 1;
            }
            else
            {
                name = line[..space];
                rest = space;
            }
            var valueText = line[rest..].Trim().Split(' ')[0];
            var parsed = valueText switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.Add(new SpendTestKit.Sample(name, labels, parsed));
        }
        return samples;
    }
}
