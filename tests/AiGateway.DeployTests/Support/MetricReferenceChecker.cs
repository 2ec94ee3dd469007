namespace AiGateway.DeployTests.Support;

/// <summary>
/// Checks that PromQL expressions and series notations use only gateway series (names containing
/// <c>aigw_</c>) that <see cref="MetricCatalog"/> knows, and only labels those series carry (plus the
/// scrape's <c>job</c>/<c>instance</c>), in selectors and in <c>by</c>/<c>on</c>/... lists.
/// Each method returns the violations, empty when all is well.
/// </summary>
internal sealed class MetricReferenceChecker(MetricCatalog catalog)
{
    public static bool IsGatewayName(string name) => name.Contains("aigw_", StringComparison.Ordinal);

    public IReadOnlyList<string> CheckExpr(string expr, string where)
    {
        var scan = PromQlScanner.Scan(expr);
        var violations = scan.Errors.Select(e => $"{where}: cannot read `{expr}`: {e}").ToList();

        foreach (var selector in scan.Selectors.Where(s => IsGatewayName(s.Name)))
        {
            if (!catalog.TryGetLabels(selector.Name, out var labels))
            {
                violations.Add($"{where}: unknown series '{selector.Name}' (not in metric-names.txt, not a histogram's _bucket/_sum/_count, not a recording rule)");
                continue;
            }

            violations.AddRange(selector.Matchers
                .Where(m => !labels.Contains(m.Label) && !MetricCatalog.TargetLabels.Contains(m.Label))
                .Select(m => $"{where}: '{selector.Name}' has no label '{m.Label}' (it has: {Describe(labels)})"));
        }

        foreach (var grouping in scan.Groupings)
        {
            var scoped = scan.Selectors
                .Where(s => s.TokenIndex >= grouping.ScopeStart && s.TokenIndex <= grouping.ScopeEnd && IsGatewayName(s.Name))
                .Select(s => catalog.TryGetLabels(s.Name, out var l) ? (s.Name, Labels: l) : (s.Name, Labels: null))
                .Where(s => s.Labels is not null)
                .ToList();
            if (scoped.Count == 0)
            {
                continue;
            }

            var allowed = scoped.SelectMany(s => s.Labels!).ToHashSet(StringComparer.Ordinal);
            violations.AddRange(grouping.Labels
                .Where(l => !allowed.Contains(l) && !MetricCatalog.TargetLabels.Contains(l))
                .Select(l => $"{where}: '{grouping.Keyword} ({l})' but no series it applies to ({string.Join(", ", scoped.Select(s => s.Name).Distinct())}) has label '{l}'"));
        }

        return violations;
    }

    /// <summary>
    /// Checks a promtool series notation (<c>name{label="value",...}</c>). A gateway metric must carry exactly
    /// its listed labels (plus <c>le</c> on buckets, optionally job/instance), so test input looks like the real
    /// export; a recording rule's series may only carry the rule's labels.
    /// </summary>
    public IReadOnlyList<string> CheckSeries(string series, string where)
    {
        if (series.Trim() == "{}")
        {
            return []; // promtool's notation for a sample without labels (a scalar-like result)
        }

        var scan = PromQlScanner.Scan(series);
        var violations = scan.Errors.Select(e => $"{where}: cannot read series `{series}`: {e}").ToList();
        if (scan.Selectors.Count != 1 || scan.Groupings.Count != 0)
        {
            violations.Add($"{where}: `{series}` is not a single series");
            return violations;
        }

        var selector = scan.Selectors[0];
        if (!IsGatewayName(selector.Name))
        {
            return violations;
        }

        if (!catalog.TryGetLabels(selector.Name, out var labels))
        {
            violations.Add($"{where}: unknown series '{selector.Name}'");
            return violations;
        }

        var used = selector.Matchers.Select(m => m.Label).Where(l => !MetricCatalog.TargetLabels.Contains(l)).ToHashSet(StringComparer.Ordinal);
        violations.AddRange(used.Where(l => !labels.Contains(l))
            .Select(l => $"{where}: '{selector.Name}' has no label '{l}' (it has: {Describe(labels)})"));
        if (!catalog.RecordingRules.ContainsKey(selector.Name))
        {
            violations.AddRange(labels.Where(l => !used.Contains(l))
                .Select(l => $"{where}: '{selector.Name}' lacks its label '{l}' (the gateway always exports it)"));
        }

        return violations;
    }

    /// <summary>
    /// The labels a recording rule's output keeps: those of its <c>by (...)</c> lists when it has any,
    /// otherwise those of the series it reads.
    /// </summary>
    public IReadOnlySet<string> ResultLabels(string expr)
    {
        var scan = PromQlScanner.Scan(expr);
        var by = scan.Groupings.Where(g => g.Keyword == "by").SelectMany(g => g.Labels).ToHashSet(StringComparer.Ordinal);
        if (by.Count > 0)
        {
            return by;
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var selector in scan.Selectors.Where(s => IsGatewayName(s.Name)))
        {
            if (catalog.TryGetLabels(selector.Name, out var labels))
            {
                result.UnionWith(labels);
            }
        }

        result.ExceptWith(scan.Groupings.Where(g => g.Keyword == "without").SelectMany(g => g.Labels));
        return result;
    }

    private static string Describe(IReadOnlySet<string> labels) => labels.Count == 0 ? "none" : string.Join(", ", labels.Order(StringComparer.Ordinal));
}
