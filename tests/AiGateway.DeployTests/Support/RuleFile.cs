namespace AiGateway.DeployTests.Support;

/// <summary>Reads a Prometheus rule file (<c>groups: [{name, rules: [...]}]</c>).</summary>
internal static class RuleFile
{
    public static IReadOnlyList<PrometheusRule> Load(string path)
    {
        var root = YamlNodes.Map(YamlSubsetReader.Parse(File.ReadAllText(path)), "root");
        var rules = new List<PrometheusRule>();
        var groups = YamlNodes.List(root["groups"], "groups");
        for (var g = 0; g < groups.Count; g++)
        {
            var group = YamlNodes.Map(groups[g], $"groups[{g}]");
            var groupName = YamlNodes.Str(group["name"], $"groups[{g}].name");
            var items = YamlNodes.ListOrEmpty(group, "rules", $"groups[{g}]");
            for (var r = 0; r < items.Count; r++)
            {
                var rulePath = $"groups[{g}].rules[{r}]";
                var rule = YamlNodes.Map(items[r], rulePath);
                rules.Add(new PrometheusRule(
                    groupName,
                    YamlNodes.OptionalStr(rule, "record", rulePath),
                    YamlNodes.OptionalStr(rule, "alert", rulePath),
                    YamlNodes.Str(rule["expr"], $"{rulePath}.expr"),
                    YamlNodes.OptionalStr(rule, "for", rulePath),
                    YamlNodes.StringMap(rule, "labels", rulePath),
                    YamlNodes.StringMap(rule, "annotations", rulePath)));
            }
        }

        return rules;
    }
}
