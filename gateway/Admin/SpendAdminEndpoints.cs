using System.Globalization;
using System.Text;
using System.Text.Json;
using AiGateway.Policies;
using AiGateway.Spend;
using AiGateway.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace AiGateway.Admin;

/// <summary>
/// Finance's view: <c>GET /admin/spend</c> (grouped spend, JSON or CSV), <c>GET /admin/budgets</c> (this
/// month against each cap), <c>GET /admin/ledger</c> (the raw records, NDJSON or CSV, for export and
/// backup), and <c>POST /admin/teams/{team}/reinstate</c> to close a team's tripped breaker.
/// </summary>
internal static class SpendAdminEndpoints
{
    private const int MaxDays = 366;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/spend", SpendAsync).RequireAuthorization(AdminPolicies.ReadSpend);
        admin.MapGet("/budgets", BudgetsAsync).RequireAuthorization(AdminPolicies.ReadSpend);
        admin.MapGet("/ledger", LedgerAsync).RequireAuthorization(AdminPolicies.ReadSpend);
        admin.MapGet("/prices", PricesAsync).RequireAuthorization(AdminPolicies.ReadSpend);
        admin.MapPost("/teams/{team}/reinstate", ReinstateTeamAsync).RequireAuthorization(AdminPolicies.ManageBreakers);
    }

    private static async Task<IResult> SpendAsync(HttpContext context, ISpendStore store, IPolicyProvider policies, TimeProvider time)
    {
        var query = context.Request.Query;
        if (ReadRange(query, time) is not { } range)
        {
            return AdminHttp.BadRequest($"'from' and 'to' must be UTC days (YYYY-MM-DD), from <= to, at most {MaxDays} days apart.", "from");
        }
        if (!SpendReport.TryParseDimensions(query["groupBy"], out var dimensions, out var order))
        {
            return AdminHttp.BadRequest($"'groupBy' must list one or more of: {string.Join(", ", SpendReport.DimensionNames)} (comma-separated).", "groupBy");
        }
        int? limit = null;
        if (query.TryGetValue("limit", out var limitText))
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return AdminHttp.BadRequest("'limit' must be a positive whole number.", "limit");
            }
            limit = parsed;
        }
        var teams = await TeamsAsync(store, policies, context.RequestAborted).ConfigureAwait(false);
        var aggregates = await store.ReadAggregatesAsync(teams, range.From, range.To, context.RequestAborted).ConfigureAwait(false);
        var rows = SpendReport.Group(aggregates, dimensions);
        var total = new SpendRow(null, null, null, null, null, rows.Sum(r => r.Requests), rows.Sum(r => r.InputTokens), rows.Sum(r => r.OutputTokens), rows.Sum(r => r.CostMicros));
        if (limit is { } n && rows.Count > n)
        {
            rows = rows[..n];
        }
        var columns = order.Contains("token") ? [.. order.Where(c => c is not ("team" or "app")), "team", "app"] : order;
        if (WantsCsv(context.Request))
        {
            return new CsvResult(SpendCsv(rows, columns), $"spend-{range.From:yyyy-MM-dd}-{range.To:yyyy-MM-dd}.csv");
        }
        return Json(writer =>
        {
            writer.WriteString("from", range.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteString("to", range.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteStartArray("groupBy");
            foreach (var name in order)
            {
                writer.WriteStringValue(name);
            }
            writer.WriteEndArray();
            writer.WriteString("currency", "USD");
            writer.WriteStartArray("rows");
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                foreach (var column in columns)
                {
                    writer.WriteString(column, Dimension(row, column));
                }
                WriteSums(writer, row);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartObject("total");
            WriteSums(writer, total);
            writer.WriteEndObject();
        });
    }

    private static async Task<IResult> BudgetsAsync(HttpContext context, ISpendStore store, IPolicyProvider policies, TimeProvider time)
    {
        var month = SpendCalendar.MonthOf(time.GetUtcNow().ToUnixTimeMilliseconds());
        var states = new List<(TeamPolicy Policy, BudgetState State)>();
        foreach (var policy in policies.Current.Teams.OrderBy(t => t.Team, StringComparer.Ordinal))
        {
            states.Add((policy, await store.GetBudgetAsync(policy.Team, month, context.RequestAborted).ConfigureAwait(false)));
        }
        return Json(writer =>
        {
            writer.WriteString("month", month);
            writer.WriteString("currency", "USD");
            writer.WriteStartArray("teams");
            foreach (var (policy, state) in states)
            {
                var spend = policy.Spend;
                writer.WriteStartObject();
                writer.WriteString("team", policy.Team);
                writer.WriteNumber("limitMicros", spend.TeamMonthlyCapMicros);
                writer.WriteString("limit", Money.FormatUsd(spend.TeamMonthlyCapMicros));
                writer.WriteNumber("spentMicros", state.SpentMicros);
                writer.WriteString("spent", Money.FormatUsd(state.SpentMicros));
                writer.WriteNumber("reservedMicros", state.ReservedMicros);
                writer.WriteNumber("tokenLimitMicros", spend.TokenMonthlyCapMicros);
                writer.WriteNumber("alertPercent", spend.AlertPercent);
                writer.WriteNumber("usedRatio", spend.TeamMonthlyCapMicros > 0 ? (double)state.SpentMicros / spend.TeamMonthlyCapMicros : 0);
                writer.WriteBoolean("suspended", state.Suspended);
                WriteBreaker(writer, "teamBreaker", spend.TeamBreaker);
                WriteBreaker(writer, "tokenBreaker", spend.TokenBreaker);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }

    private static async Task<IResult> LedgerAsync(HttpContext context, ISpendStore store, IPolicyProvider policies, TimeProvider time)
    {
        if (ReadRange(context.Request.Query, time) is not { } range)
        {
            return AdminHttp.BadRequest($"'from' and 'to' must be UTC days (YYYY-MM-DD), from <= to, at most {MaxDays} days apart.", "from");
        }
        var teams = await TeamsAsync(store, policies, context.RequestAborted).ConfigureAwait(false);
        if (context.Request.Query["team"] is { Count: 1 } team)
        {
            teams = teams.Where(t => t == team.ToString()).ToList();
        }
        var fromMs = new DateTimeOffset(range.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var toMs = new DateTimeOffset(range.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var records = (await store.ReadLedgerAsync(teams, fromMs, toMs, context.RequestAborted).ConfigureAwait(false))
            .OrderBy(r => r.TimeMs).ThenBy(r => r.RequestId, StringComparer.Ordinal).ToList();
        if (WantsCsv(context.Request))
        {
            var csv = new StringBuilder("request_id,upstream_request_id,time,token_id,team,app,endpoint,model,input_tokens,output_tokens,cost_micros,cost_usd,status,latency_ms,usage_from_upstream,stream\n");
            foreach (var r in records)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{r.RequestId},{CsvField(r.UpstreamRequestId ?? "")},{DateTimeOffset.FromUnixTimeMilliseconds(r.TimeMs):yyyy-MM-ddTHH:mm:ss.fffZ},{r.TokenId},{CsvField(r.Team)},{CsvField(r.App)},{r.Endpoint},{CsvField(r.Model)},{r.InputTokens},{r.OutputTokens},{r.CostMicros},{Money.FormatUsd(r.CostMicros)},{r.Status},{r.LatencyMs},{(r.UsageFromUpstream ? "true" : "false")},{(r.Stream ? "true" : "false")}\n");
            }
            return new CsvResult(csv.ToString(), $"ledger-{range.From:yyyy-MM-dd}-{range.To:yyyy-MM-dd}.csv");
        }
        var body = new MemoryStream();
        foreach (var record in records)
        {
            JsonSerializer.Serialize(body, record, LedgerJsonContext.Default.LedgerRecord);
            body.WriteByte((byte)'\n');
        }
        return Results.Bytes(body.ToArray(), "application/x-ndjson");
    }

    private static IResult PricesAsync(IPolicyProvider policies)
    {
        var prices = policies.Current.Prices;
        return Json(writer =>
        {
            writer.WriteString("currency", "USD");
            writer.WriteStartObject("models");
            foreach (var (model, price) in prices.Entries)
            {
                writer.WriteStartObject(model);
                writer.WriteNumber("inputMicrosPerMillion", price.InputMicrosPerMillion);
                writer.WriteNumber("outputMicrosPerMillion", price.OutputMicrosPerMillion);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteString("unpriced", prices.Default is null ? "refuse" : "default");
        });
    }

    private static async Task<IResult> ReinstateTeamAsync(string team, HttpContext context, ISpendStore store, IPolicyProvider policies, AuditLog audit)
    {
        var actor = AdminHttp.Actor(context.User);
        if (policies.Current.Find(team) is null)
        {
            audit.AdminAction(actor, "team.reinstate", team, "not_found");
            return AdminHttp.Error(new Errors.GatewayError(404, "invalid_request_error", "not_found", "No team with that name has a policy."));
        }
        var changed = await store.ResetBreakerAsync(team, null, context.RequestAborted).ConfigureAwait(false);
        audit.AdminAction(actor, "team.reinstate", team, changed ? "ok" : "not_suspended");
        return Results.Json(new Dictionary<string, object> { ["team"] = team, ["reinstated"] = changed }, AdminSpendJsonContext.Default.DictionaryStringObject);
    }

    private static async Task<List<string>> TeamsAsync(ISpendStore store, IPolicyProvider policies, CancellationToken cancellationToken)
    {
        var teams = new SortedSet<string>(policies.Current.Teams.Select(t => t.Team), StringComparer.Ordinal);
        teams.UnionWith(await store.KnownTeamsAsync(cancellationToken).ConfigureAwait(false));
        return [.. teams];
    }

    private static (DateOnly From, DateOnly To)? ReadRange(IQueryCollection query, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = new DateOnly(today.Year, today.Month, 1);
        var to = today;
        if (query.TryGetValue("from", out var fromText) && !DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from))
        {
            return null;
        }
        if (query.TryGetValue("to", out var toText) && !DateOnly.TryParseExact(toText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out to))
        {
            return null;
        }
        return from <= to && to.DayNumber - from.DayNumber < MaxDays ? (from, to) : null;
    }

    private static bool WantsCsv(HttpRequest request) =>
        string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase)
        || request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    private static string Dimension(SpendRow row, string column) => column switch
    {
        "team" => row.Team ?? "",
        "app" => row.App ?? "",
        "model" => row.Model ?? "",
        "day" => row.Day ?? "",
        _ => row.Token ?? "",
    };

    private static void WriteSums(Utf8JsonWriter writer, SpendRow row)
    {
        writer.WriteNumber("requests", row.Requests);
        writer.WriteNumber("inputTokens", row.InputTokens);
        writer.WriteNumber("outputTokens", row.OutputTokens);
        writer.WriteNumber("costMicros", row.CostMicros);
        writer.WriteString("cost", Money.FormatUsd(row.CostMicros));
    }

    private static void WriteBreaker(Utf8JsonWriter writer, string name, VelocityLimit limit)
    {
        if (limit.IsNone)
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteStartObject(name);
        writer.WriteNumber("maxMicros", limit.MaxMicros);
        writer.WriteNumber("windowSeconds", limit.WindowSeconds);
        writer.WriteEndObject();
    }

    private static string SpendCsv(List<SpendRow> rows, IReadOnlyList<string> columns)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', columns).Append(",requests,input_tokens,output_tokens,cost_micros,cost_usd\n");
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                csv.Append(CsvField(Dimension(row, column))).Append(',');
            }
            csv.Append(CultureInfo.InvariantCulture, $"{row.Requests},{row.InputTokens},{row.OutputTokens},{row.CostMicros},{Money.FormatUsd(row.CostMicros)}\n");
        }
        return csv.ToString();
    }

    /// <summary>RFC 4180 quoting, and a leading quote mark for text a spreadsheet would run as a formula.</summary>
    internal static string CsvField(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static IResult Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return Results.Bytes(buffer.ToArray(), "application/json");
    }

    private sealed class CsvResult(string body, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "text/csv; charset=utf-8";
            httpContext.Response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"{fileName}\"";
            return httpContext.Response.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(bool))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class AdminSpendJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
