namespace AiGateway.DeployTests.Support;

/// <summary>
/// The deploy files, read once: the metric catalog (with the rule file's recording rules registered, in
/// file order, so later rules may use earlier ones), the rules, the rule tests and a checker over them.
/// </summary>
internal static class DeployArtifacts
{
    private static readonly Lazy<(MetricCatalog Catalog, IReadOnlyList<PrometheusRule> Rules)> Loaded = new(Load);

    public static MetricCatalog Catalog => Loaded.Value.Catalog;

    public static IReadOnlyList<PrometheusRule> Rules => Loaded.Value.Rules;

    public static IEnumerable<PrometheusRule> Alerts => Rules.Where(r => r.Alert is not null);

    public static MetricReferenceChecker Checker => new(Catalog);

    private static (MetricCatalog, IReadOnlyList<PrometheusRule>) Load()
    {
        var catalog = MetricCatalog.Load(RepoPaths.MetricNamesFile);
        var rules = RuleFile.Load(RepoPaths.RulesFile);
        var checker = new MetricReferenceChecker(catalog);
        foreach (var rule in rules.Where(r => r.Record is not null))
        {
            catalog.AddRecordingRule(rule.Record!, checker.ResultLabels(rule.Expr));
        }

        return (catalog, rules);
    }
}
