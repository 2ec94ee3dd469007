namespace AiGateway.DeployTests.Support;

/// <summary>Reads a promtool rule-test file (<c>promtool test rules</c>).</summary>
internal static class RuleTestFile
{
    public static IReadOnlyList<RuleTestCase> Load(string path)
    {
        var root = YamlNodes.Map(YamlSubsetReader.Parse(File.ReadAllText(path)), "root");
        var cases = new List<RuleTestCase>();
        var tests = YamlNodes.List(root["tests"], "tests");
        for (var t = 0; t < tests.Count; t++)
        {
            var p = $"tests[{t}]";
            var test = YamlNodes.Map(tests[t], p);
            var series = YamlNodes.ListOrEmpty(test, "input_series", p)
                .Select((s, i) => YamlNodes.Str(YamlNodes.Map(s, $"{p}.input_series[{i}]")["series"], $"{p}.input_series[{i}].series"))
                .ToList();

            var exprs = new List<string>();
            var samples = new List<string>();
            var exprTests = YamlNodes.ListOrEmpty(test, "promql_expr_test", p);
            for (var e = 0; e < exprTests.Count; e++)
            {
                var ep = $"{p}.promql_expr_test[{e}]";
                var exprTest = YamlNodes.Map(exprTests[e], ep);
                exprs.Add(YamlNodes.Str(exprTest["expr"], $"{ep}.expr"));
                samples.AddRange(YamlNodes.ListOrEmpty(exprTest, "exp_samples", ep)
                    .Select((s, i) => YamlNodes.Str(YamlNodes.Map(s, $"{ep}.exp_samples[{i}]")["labels"], $"{ep}.exp_samples[{i}].labels")));
            }

            var alerts = YamlNodes.ListOrEmpty(test, "alert_rule_test", p)
                .Select((a, i) =>
                {
                    var ap = $"{p}.alert_rule_test[{i}]";
                    var alert = YamlNodes.Map(a, ap);
                    return new AlertExpectation(
                        YamlNodes.Str(alert["alertname"], $"{ap}.alertname"),
                        YamlNodes.Str(alert["eval_time"], $"{ap}.eval_time"),
                        YamlNodes.ListOrEmpty(alert, "exp_alerts", ap).Count);
                })
                .ToList();

            cases.Add(new RuleTestCase(YamlNodes.OptionalStr(test, "name", p) ?? p, series, exprs, samples, alerts));
        }

        return cases;
    }
}
