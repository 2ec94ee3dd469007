using System.Globalization;
using AiGateway.IntegrationTests.Infrastructure;
using AiGateway.Spend;
using static AiGateway.IntegrationTests.Spend.SpendTestKit;

namespace AiGateway.IntegrationTests.Spend;

/// <summary>
/// After mixed traffic, every number agrees exactly: the ledger with the usage the simulator billed and with
/// prices computed here from pricing.json; the spend API (JSON and both CSV forms, every grouping), the
/// budgets and the Prometheus counters with the ledger — to the micro-dollar and the token. No secret appears
/// in any of those exports (and GatewayHost's dispose checks the logs).
/// </summary>
public sealed class SpendAgreementTests : IAsyncLifetime
{
    private RedisServer? _redis;
    private UpstreamSimulator.UpstreamSimulator _simulator = null!;
    private readonly List<GatewayHost> _gateways = [];

    public async Task InitializeAsync() =>
        _simulator = await UpstreamSimulator.UpstreamSimulator.StartAsync(GatewayHost.SimulatorOptions());

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }
        await _simulator.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private async Task<GatewayHost> StartAsync(Dictionary<string, string?> settings, string? dataPath = null)
    {
        var gateway = await GatewayHost.StartAsync(_simulator.BaseUrl, settings, dataPath);
        _gateways.Add(gateway);
        return gateway;
    }

    [Fact]
    public async Task MixedTraffic_RedisStoreTwoReplicas_LedgerSpendApiCsvBudgetsAndMetricsAgreeExactlyWithTheSimulator()
    {
        _redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Policies:Path"] = TestPaths.CopyOfShippedPoliciesWithoutLimits(),
            ["Redis:Configuration"] = _redis.Configuration,
            ["Auth:TokenHashKey"] = Limits.MultiReplicaLimitTests.SharedTokenHashKey,
        };
        var a = await StartAsync(settings);
        var b = await StartAsync(settings);
        var tokens = await SpendTokens.IssueAsync(a); // one token store: B accepts them too

        var traffic = await Task.WhenAll(
            MixedTraffic.RunAsync(a, tokens, rounds: 2, upstreamErrors: true),
            MixedTraffic.RunAsync(b, tokens, rounds: 1));
        List<SeenResponse> seen = [.. traffic[0], .. traffic[1]];

        var ledger = await AssertLedgerMatchesSimulatorAsync(a, tokens, seen);
        Assert.Equal(5, ledger.Where(r => r.Status == 200).Select(r => r.Model).Distinct().Count()); // every priced model
        Assert.Equal(["chat", "completions", "embeddings"], ledger.Select(r => r.Endpoint).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal([200, 429, 500], ledger.Select(r => r.Status).Distinct().Order());
        // Both replicas read the one shared ledger, aggregates and budgets.
        Assert.Equal(await GetTextAsync(a, $"/admin/ledger?{Days}"), await GetTextAsync(b, $"/admin/ledger?{Days}"));
        foreach (var replica in new[] { a, b })
        {
            await AssertSpendApiMatchesLedgerAsync(replica, ledger);
            await AssertBudgetsMatchLedgerAsync(replica, ledger);
            await AssertNoSecretsInExportsAsync(replica, tokens);
        }
        // Each replica counts what it served; together they count what the ledger holds.
        await AssertMetricsMatchLedgerAsync(ledger, (a, traffic[0].Count), (b, traffic[1].Count));
    }

    [Fact]
    public async Task MixedTraffic_EmbeddedStore_AgreesAndSurvivesARestartOnTheSameDataFolder()
    {
        var settings = new Dictionary<string, string?> { ["Policies:Path"] = TestPaths.CopyOfShippedPoliciesWithoutLimits() };
        var gateway = await StartAsync(settings);
        var tokens = await SpendTokens.IssueAsync(gateway);

        var seen = await MixedTraffic.RunAsync(gateway, tokens, rounds: 1);

        var ledger = await AssertLedgerMatchesSimulatorAsync(gateway, tokens, seen);
        Assert.All(ledger, r => Assert.Equal(200, r.Status));
        await AssertSpendApiMatchesLedgerAsync(gateway, ledger);
        await AssertBudgetsMatchLedgerAsync(gateway, ledger);
        await AssertMetricsMatchLedgerAsync(ledger, (gateway, seen.Count));
        await AssertNoSecretsInExportsAsync(gateway, tokens);
        var ledgerText = await GetTextAsync(gateway, $"/admin/ledger?{Days}");
        var ledgerCsv = await GetTextAsync(gateway, $"/admin/ledger?{Days}&format=csv");
        var spendText = await GetTextAsync(gateway, $"/admin/spend?{Days}&groupBy=team,app,model,day,token");
        var spendCsv = await GetTextAsync(gateway, $"/admin/spend?{Days}&groupBy=model,day&format=csv");
        var budgets = await BudgetsAsync(gateway);

        // Restart on the same data folder: everything finance sees is read back unchanged.
        var dataPath = gateway.DataPath;
        _gateways.Remove(gateway);
        await gateway.DisposeAsync();
        var restarted = await StartAsync(settings, dataPath);

        Assert.Equal(ledgerText, await GetTextAsync(restarted, $"/admin/ledger?{Days}"));
        Assert.Equal(ledgerCsv, await GetTextAsync(restarted, $"/admin/ledger?{Days}&format=csv"));
        Assert.Equal(spendText, await GetTextAsync(restarted, $"/admin/spend?{Days}&groupBy=team,app,model,day,token"));
        Assert.Equal(spendCsv, await GetTextAsync(restarted, $"/admin/spend?{Days}&groupBy=model,day&format=csv"));
        var budgetsAfter = await BudgetsAsync(restarted);
        Assert.Equal(budgets.Month, budgetsAfter.Month);
        Assert.Equal(budgets.Teams.OrderBy(t => t.Key), budgetsAfter.Teams.OrderBy(t => t.Key));

        // And it keeps counting from there: one more request adds exactly its own record.
        var (token, _) = await restarted.IssueTokenAsync("analytics", "after-restart");
        using (var response = await restarted.Http.SendAsync(restarted.Request(HttpMethod.Post, "/v1/chat/completions", token,
            """{"model":"gpt-4.1","max_tokens":5,"messages":[{"role":"user","content":"one more"}]}""")))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
        var after = await LedgerWhenCountAsync(restarted, ledger.Count + 1);
        Assert.Equal(ledger.Select(r => r.RequestId).Order(StringComparer.Ordinal), after.Select(r => r.RequestId).Where(id => ledger.Any(r => r.RequestId == id)).Order(StringComparer.Ordinal));
        var (_, total) = await SpendJsonAsync(restarted, "team");
        Assert.Equal(after.Sum(r => r.CostMicros), total.CostMicros);
        Assert.Equal(after.Count, total.Requests);
    }

    /// <summary>
    /// One ledger record per response the upstream gave (by x-aigw-request-id). For each success: the simulator's usage
    /// for that response (by upstream request id), the token's team and app, and the cost priced independently here.
    /// An upstream error is recorded with its status, no tokens and no cost (the simulator billed nothing for it).
    /// </summary>
    private async Task<List<LedgerRecord>> AssertLedgerMatchesSimulatorAsync(GatewayHost gateway, SpendTokens tokens, List<SeenResponse> seen)
    {
        Assert.All(seen, s => Assert.False(string.IsNullOrEmpty(s.RequestId)));
        Assert.All(seen, s => Assert.False(string.IsNullOrEmpty(s.UpstreamRequestId)));
        Assert.Equal(seen.Count, seen.Select(s => s.RequestId).Distinct().Count());
        var served = seen.Count(s => s.Status == 200);

        var ledger = await LedgerWhenCountAsync(gateway, seen.Count);
        Assert.Equal(seen.Select(s => s.RequestId!).Order(StringComparer.Ordinal), ledger.Select(r => r.RequestId).Order(StringComparer.Ordinal));

        var billed = _simulator.ReportedUsage.ToDictionary(u => u.RequestId, StringComparer.Ordinal);
        Assert.Equal(served, billed.Count); // every billed response is in the ledger, none is missing
        var prices = ShippedPrices();
        var owners = tokens.Owners;
        var byRequestId = seen.ToDictionary(s => s.RequestId!);
        foreach (var record in ledger)
        {
            var client = byRequestId[record.RequestId];
            Assert.Equal(client.Status, record.Status);
            Assert.Equal(client.UpstreamRequestId, record.UpstreamRequestId);
            Assert.Equal(owners[record.TokenId], (record.Team, record.App));
            if (record.Status != 200)
            {
                Assert.False(billed.ContainsKey(record.UpstreamRequestId!));
                Assert.Equal((0, 0, 0L), (record.InputTokens, record.OutputTokens, record.CostMicros));
                continue;
            }
            Assert.True(billed.TryGetValue(record.UpstreamRequestId!, out var usage), $"the simulator billed no response {record.UpstreamRequestId}");
            Assert.Equal(usage.Model, record.Model);
            Assert.Equal(usage.Endpoint, record.Endpoint);
            Assert.Equal(usage.Stream, record.Stream);
            Assert.Equal(usage.PromptTokens, record.InputTokens);
            Assert.Equal(usage.CompletionTokens, record.OutputTokens);
            Assert.True(record.UsageFromUpstream);
            Assert.Equal(ExpectedCostMicros(prices, record.Model, record.InputTokens, record.OutputTokens), record.CostMicros);
            Assert.True(record.CostMicros > 0, "no request is free");
        }
        Assert.Equal(ledger.Count, ledger.Select(r => r.UpstreamRequestId).Distinct().Count());

        // The CSV export of the ledger carries the same records and numbers.
        var csv = Csv.Parse(await GetTextAsync(gateway, $"/admin/ledger?{Days}", "text/csv"));
        var header = csv[0];
        var rows = csv.Skip(1).Select(row => header.Zip(row).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal(ledger.Count, rows.Count);
        var byId = ledger.ToDictionary(r => r.RequestId);
        foreach (var row in rows)
        {
            var record = byId[row["request_id"]];
            Assert.Equal(record.UpstreamRequestId, row["upstream_request_id"]);
            Assert.Equal(record.InputTokens.ToString(CultureInfo.InvariantCulture), row["input_tokens"]);
            Assert.Equal(record.OutputTokens.ToString(CultureInfo.InvariantCulture), row["output_tokens"]);
            Assert.Equal(record.CostMicros.ToString(CultureInfo.InvariantCulture), row["cost_micros"]);
            Assert.Equal(Usd(record.CostMicros), row["cost_usd"]);
            Assert.Equal((record.Team, record.App, record.Model, record.TokenId), (row["team"], row["app"], row["model"], row["token_id"]));
        }
        return ledger;
    }

    private static async Task AssertSpendApiMatchesLedgerAsync(GatewayHost gateway, List<LedgerRecord> ledger)
    {
        var groupings = new (string GroupBy, string[] Columns, Func<LedgerRecord, string> Key)[]
        {
            ("team,model", ["team", "model"], r => r.Team + "|" + r.Model),
            ("team", ["team"], r => r.Team),
            ("app", ["app"], r => r.App),
            ("model", ["model"], r => r.Model),
            ("day", ["day"], Day),
            ("token", ["token", "team", "app"], r => r.TokenId + "|" + r.Team + "|" + r.App),
            ("team,app,model,day,token", ["team", "app", "model", "day", "token"], r => string.Join('|', r.Team, r.App, r.Model, Day(r), r.TokenId)),
        };
        foreach (var (groupBy, columns, key) in groupings)
        {
            var expected = Group(ledger, key);
            var (rows, total) = await SpendJsonAsync(gateway, groupBy, columns);
            SameRows(expected, rows, $"/admin/spend?groupBy={groupBy}");
            Assert.Equal(new Row("total", ledger.Count, ledger.Sum(r => (long)r.InputTokens), ledger.Sum(r => (long)r.OutputTokens), ledger.Sum(r => r.CostMicros)), total);
            SameRows(expected, await SpendCsvAsync(gateway, groupBy, byAcceptHeader: false, columns), $"/admin/spend?groupBy={groupBy}&format=csv");
            SameRows(expected, await SpendCsvAsync(gateway, groupBy, byAcceptHeader: true, columns), $"/admin/spend?groupBy={groupBy} (Accept: text/csv)");
        }
    }

    private static async Task AssertBudgetsMatchLedgerAsync(GatewayHost gateway, List<LedgerRecord> ledger)
    {
        var (month, teams) = await BudgetsAsync(gateway);
        foreach (var team in new[] { "rag", "customer-service", "analytics" })
        {
            Assert.Equal(ledger.Where(r => r.Team == team && Month(r) == month).Sum(r => r.CostMicros), teams[team].Spent);
            Assert.Equal(0, teams[team].Reserved); // nothing in flight, nothing held
        }
    }

    private static async Task AssertMetricsMatchLedgerAsync(List<LedgerRecord> ledger, params (GatewayHost Gateway, int Requests)[] replicas)
    {
        var samples = new List<Sample>();
        foreach (var (gateway, served) in replicas)
        {
            samples.AddRange(await MetricsWhenRequestsAsync(gateway, served));
        }
        var spend = SumBy(samples, "aigw_spend_microdollars_total", null, "team", "model");
        var expectedSpend = ledger.GroupBy(r => r.Team + "|" + r.Model).ToDictionary(g => g.Key, g => g.Sum(r => r.CostMicros));
        Assert.Equal(expectedSpend.OrderBy(p => p.Key, StringComparer.Ordinal), spend.Where(p => p.Value != 0).OrderBy(p => p.Key, StringComparer.Ordinal));
        foreach (var (type, tokensOf) in new (string, Func<LedgerRecord, long>)[] { ("input", r => r.InputTokens), ("output", r => r.OutputTokens) })
        {
            var counted = SumBy(samples, "aigw_tokens_total", s => s.Labels.GetValueOrDefault("type") == type, "team", "model");
            var expected = ledger.GroupBy(r => r.Team + "|" + r.Model).Select(g => KeyValuePair.Create(g.Key, g.Sum(tokensOf))).Where(p => p.Value != 0);
            Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), counted.Where(p => p.Value != 0).OrderBy(p => p.Key, StringComparer.Ordinal));
        }
        var requests = SumBy(samples, "aigw_requests_total", null, "team", "model", "status_code");
        Assert.Equal(ledger.GroupBy(r => $"{r.Team}|{r.Model}|{r.Status}").ToDictionary(g => g.Key, g => (long)g.Count()).OrderBy(p => p.Key, StringComparer.Ordinal),
            requests.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private static async Task AssertNoSecretsInExportsAsync(GatewayHost gateway, SpendTokens tokens)
    {
        var secrets = tokens.All.Select(t => t.Token).ToList();
        foreach (var path in new[]
        {
            $"/admin/ledger?{Days}", $"/admin/ledger?{Days}&format=csv",
            $"/admin/spend?{Days}&groupBy=team,app,model,day,token", $"/admin/spend?{Days}&groupBy=token&format=csv",
            "/admin/budgets", "/metrics",
        })
        {
            AssertNoSecrets(await GetTextAsync(gateway, path), secrets, path);
        }
        // Finance sees token ids, never the tokens.
        var ledger = await GetTextAsync(gateway, $"/admin/ledger?{Days}");
        Assert.All(tokens.All, t => Assert.Contains(t.Id, ledger, StringComparison.Ordinal));
        // The embedded store's ledger file and the Redis store's spool, as written on disk.
        foreach (var file in new[] { "ledger.jsonl", "ledger-spool.jsonl" }.Select(f => Path.Combine(gateway.DataPath, f)).Where(File.Exists))
        {
            AssertNoSecrets(await File.ReadAllTextAsync(file), secrets, Path.GetFileName(file));
        }
        // The logs so far (GatewayHost checks them again, complete, when it is disposed).
        AssertNoSecrets(gateway.Logs.AllText(), secrets, "the gateway's logs");
    }
}
