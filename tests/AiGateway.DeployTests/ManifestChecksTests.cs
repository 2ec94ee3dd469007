using AiGateway.DeployTests.Support;

namespace AiGateway.DeployTests;

/// <summary>The manifest checks catch what they are for: each bad manifest here yields a problem, the good one none.</summary>
public sealed class ManifestChecksTests
{
    private const string Pod = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: gw
        spec:
          template:
            metadata:
              labels:
                app: gw
            spec:
              securityContext:
                runAsNonRoot: true
                runAsUser: 1654
              containers:
              - name: c
                resources:
                  requests:
                    cpu: 100m
                    memory: 64Mi
                  limits:
                    memory: 128Mi
                securityContext:
                  allowPrivilegeEscalation: false
                  readOnlyRootFilesystem: true
                  capabilities:
                    drop:
                    - ALL
        """;

    private const string Network = """
        apiVersion: v1
        kind: Service
        metadata:
          name: gw
        spec:
          selector:
            app: gw
          ports:
          - port: 8080
            targetPort: http
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: gw-admin
        spec:
          selector:
            app: gw
          ports:
          - port: 8081
            targetPort: admin
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: gw
        spec:
          podSelector:
            matchLabels:
              app: gw
          policyTypes:
          - Ingress
          ingress:
          - from:
            - namespaceSelector: {}
            ports:
            - port: 8080
          - from:
            - podSelector:
                matchLabels:
                  role: prometheus
            ports:
            - port: 8081
        """;

    [Fact]
    public void PodSecurityAndResources_GoodPod_NoProblems()
    {
        var workload = Objects(Pod).Single();

        Assert.Empty(ManifestChecks.PodSecurity(workload));
        Assert.Empty(ManifestChecks.Resources(workload));
    }

    [Theory]
    [InlineData("runAsNonRoot: true", "runAsNonRoot: false", "runAsNonRoot")]
    [InlineData("runAsUser: 1654", "runAsUser: 0", "runAsUser is 0")]
    [InlineData("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true", "allowPrivilegeEscalation")]
    [InlineData("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", "readOnlyRootFilesystem")]
    [InlineData("- ALL", "- NET_RAW", "capabilities")]
    public void PodSecurity_WeakenedPod_IsReported(string good, string bad, string expected)
    {
        var problems = ManifestChecks.PodSecurity(Objects(Pod.Replace(good, bad, StringComparison.Ordinal)).Single()).ToList();

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cpu: 100m", "resources.requests.cpu")]
    [InlineData("memory: 128Mi", "resources.limits.memory")]
    public void Resources_MissingRequestOrLimit_IsReported(string removed, string expected)
    {
        var problems = ManifestChecks.Resources(Objects(Pod.Replace(removed, "other: 1", StringComparison.Ordinal)).Single()).ToList();

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AdminPortIsInternal_GoodNetwork_NoProblems()
    {
        Assert.Empty(Check(Network));
    }

    [Theory]
    [InlineData("  - port: 8080\n    targetPort: http", "  - port: 8080\n    targetPort: http\n  - port: 8081\n    targetPort: admin", "gw: exposes the admin port")]
    [InlineData("name: gw-admin\nspec:\n", "name: gw-admin\nspec:\n  type: LoadBalancer\n", "LoadBalancer")]
    [InlineData("    - podSelector:\n        matchLabels:\n          role: prometheus", "    - namespaceSelector: {}", "open to every pod")]
    [InlineData("    - podSelector:\n        matchLabels:\n          role: prometheus", "    - ipBlock:\n        cidr: 0.0.0.0/0", "open to every pod")]
    [InlineData("    ports:\n    - port: 8080\n", "", "no ports listed")]
    [InlineData("  - Ingress", "  - Egress", "no NetworkPolicy")]
    public void AdminPortIsInternal_LeakyNetwork_IsReported(string good, string bad, string expected)
    {
        var changed = Network.Replace(good, bad, StringComparison.Ordinal);
        Assert.NotEqual(Network, changed);

        Assert.Contains(Check(changed), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ParseDocuments_KustomizeOutput_SkipsEmptyDocuments()
    {
        var documents = YamlSubsetReader.ParseDocuments("a: 1\n---\n---\nb:\n  c: |\n    x\n");

        Assert.Equal(2, documents.Count);
        Assert.Equal("x\n", Node.Str(documents[1], "b.c"));
    }

    private static List<string> Check(string yaml) =>
        ManifestChecks.AdminPortIsInternal(new RenderedManifests(Objects(yaml)), new Dictionary<string, string> { ["app"] = "gw" }, 8081, "admin", "gw-admin").ToList();

    private static List<K8sObject> Objects(string yaml) =>
        YamlSubsetReader.ParseDocuments(yaml).Select(d => new K8sObject(YamlNodes.Map(d, "doc"))).ToList();
}
