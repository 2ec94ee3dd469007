namespace AiGateway.DeployTests.Support;

/// <summary>One Kubernetes object from rendered manifests, with dotted-path access to its fields.</summary>
internal sealed class K8sObject
{
    public K8sObject(Dictionary<string, object?> root)
    {
        Root = root;
        Kind = YamlNodes.Str(root.GetValueOrDefault("kind"), "kind");
        Name = YamlNodes.Str(Node.At(root, "metadata.name"), $"{Kind}.metadata.name");
    }

    public Dictionary<string, object?> Root { get; }

    public string Kind { get; }

    public string Name { get; }

    /// <summary>The pod spec of a workload (Deployment, StatefulSet, DaemonSet, Job, CronJob), or null.</summary>
    public Dictionary<string, object?>? PodSpec => Kind switch
    {
        "Deployment" or "StatefulSet" or "DaemonSet" or "Job" => Node.Map(Root, "spec.template.spec"),
        "CronJob" => Node.Map(Root, "spec.jobTemplate.spec.template.spec"),
        _ => null,
    };

    /// <summary>The pod template's labels of a workload (empty for other kinds).</summary>
    public Dictionary<string, string> PodLabels => Kind switch
    {
        "CronJob" => Node.StringMap(Root, "spec.jobTemplate.spec.template.metadata.labels"),
        _ => Node.StringMap(Root, "spec.template.metadata.labels"),
    };

    public object? At(string path) => Node.At(Root, path);

    public override string ToString() => $"{Kind}/{Name}";
}

/// <summary>Dotted-path navigation over what <see cref="YamlSubsetReader"/> returns; missing paths give null or empty.</summary>
internal static class Node
{
    public static object? At(object? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (node is not Dictionary<string, object?> map || !map.TryGetValue(part, out node))
            {
                return null;
            }
        }

        return node;
    }

    public static Dictionary<string, object?>? Map(object? node, string path) => At(node, path) as Dictionary<string, object?>;

    public static string? Str(object? node, string path) => At(node, path) as string;

    /// <summary>The mappings of the sequence at <paramref name="path"/>; empty when absent.</summary>
    public static IEnumerable<Dictionary<string, object?>> Maps(object? node, string path) =>
        (At(node, path) as List<object?> ?? []).OfType<Dictionary<string, object?>>();

    /// <summary>The scalars of the sequence at <paramref name="path"/>; empty when absent.</summary>
    public static IEnumerable<string> Strs(object? node, string path) => (At(node, path) as List<object?> ?? []).OfType<string>();

    public static Dictionary<string, string> StringMap(object? node, string path) =>
        (Map(node, path) ?? []).Where(kv => kv.Value is string).ToDictionary(kv => kv.Key, kv => (string)kv.Value!, StringComparer.Ordinal);

    /// <summary>True when every label of <paramref name="selector"/> is on <paramref name="labels"/> (an empty selector matches all).</summary>
    public static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
