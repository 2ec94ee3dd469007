using System.Collections.Concurrent;

namespace AiGateway.DeployTests.Support;

/// <summary>
/// Renders deploy/k8s overlays with <c>kubectl kustomize</c> (once per overlay per test run) and reads the output.
/// Any kubectl from 1.20 (kustomize v2.0.3) on renders them; test.sh installs Debian's kubernetes-client if none.
/// </summary>
internal static class Kustomize
{
    private static readonly ConcurrentDictionary<string, Lazy<RenderedManifests>> Rendered = new(StringComparer.Ordinal);

    public static string K8sDir => Path.Combine(RepoPaths.Root, "deploy", "k8s");

    /// <summary>The rendered objects of <c>deploy/k8s/&lt;path&gt;</c> (e.g. <c>overlays/prod</c>).</summary>
    public static RenderedManifests Render(string path) =>
        Rendered.GetOrAdd(path, p => new Lazy<RenderedManifests>(() => RenderNow(p))).Value;

    private static RenderedManifests RenderNow(string path)
    {
        var result = ExternalTool.Run("kubectl", ["kustomize", Path.Combine(K8sDir, path)], TimeSpan.FromMinutes(1),
            "Run ./test.sh (it installs Debian's kubernetes-client when no kubectl is found) or install kubectl.");
        if (result.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"kubectl kustomize failed (exit {result.ExitCode}):\n{result.Transcript}");
        }

        return new RenderedManifests(YamlSubsetReader.ParseDocuments(result.Stdout)
            .Select((d, i) => new K8sObject(YamlNodes.Map(d, $"document {i}")))
            .ToList());
    }
}

/// <summary>The objects an overlay renders to.</summary>
internal sealed class RenderedManifests(IReadOnlyList<K8sObject> objects)
{
    public IReadOnlyList<K8sObject> Objects { get; } = objects;

    public IEnumerable<K8sObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public K8sObject Single(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => o.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"no {kind}/{name} in the rendered manifests; found: {string.Join(", ", Objects)}");

    /// <summary>A generated ConfigMap or Secret by its base name (kustomize appends a content hash: name-&lt;10 chars&gt;).</summary>
    public K8sObject Generated(string kind, string baseName) =>
        OfKind(kind).SingleOrDefault(o => o.Name == baseName || (o.Name.StartsWith(baseName + "-", StringComparison.Ordinal) && o.Name.Length == baseName.Length + 11))
        ?? throw new Xunit.Sdk.XunitException($"no generated {kind} {baseName}-<hash> in the rendered manifests");

    public bool Has(string kind, string name) => OfKind(kind).Any(o => o.Name == name);

    public IEnumerable<K8sObject> Workloads => Objects.Where(o => o.PodSpec is not null);
}
