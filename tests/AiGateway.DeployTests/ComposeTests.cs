using AiGateway.DeployTests.Support;

namespace AiGateway.DeployTests;

/// <summary>
/// deploy/docker-compose.yml, checked without Docker: every file it mounts or builds from exists, the gateway runs
/// read-only on Redis and Vault, the admin port stays on loopback, and Prometheus and Grafana get the shipped rules
/// and dashboard.
/// </summary>
public sealed class ComposeTests
{
    private static readonly string DeployDir = Path.Combine(RepoPaths.Root, "deploy");
    private static readonly Dictionary<string, object?> Services =
        YamlNodes.Map(Node.At(YamlSubsetReader.Parse(File.ReadAllText(Path.Combine(DeployDir, "docker-compose.yml"))), "services"), "services");

    private static Dictionary<string, object?> Service(string name) => YamlNodes.Map(Services[name], name);

    /// <summary>(host path, container path) of every bind mount of a service.</summary>
    private static IEnumerable<(string Host, string Container)> BindMounts(string service) =>
        Node.Strs(Service(service), "volumes").Select(v => v.Split(':'))
            .Where(p => p[0].StartsWith('.'))
            .Select(p => (Path.GetFullPath(Path.Combine(DeployDir, p[0])), p[1]));

    [Fact]
    public void Services_Compose_RunTheWholeStack()
    {
        Assert.Equal(["gateway", "grafana", "prometheus", "redis", "simulator", "vault", "vault-init"], Services.Keys.Order());
    }

    [Fact]
    public void Files_Compose_MountedAndBuiltFromExist()
    {
        var dockerfile = DockerfileModel.Load();
        foreach (var name in Services.Keys)
        {
            foreach (var (host, _) in BindMounts(name))
            {
                Assert.True(File.Exists(host) || Directory.Exists(host), $"{name} mounts {host}, which does not exist");
            }

            if (Node.Map(Service(name), "build") is { } build)
            {
                Assert.Equal(RepoPaths.Root, Path.GetFullPath(Path.Combine(DeployDir, Node.Str(build, "context")!)).TrimEnd('/'));
                Assert.Equal(DockerfileModel.PathOnDisk, Path.Combine(RepoPaths.Root, Node.Str(build, "dockerfile")!));
                Assert.Contains(Node.Str(build, "target"), dockerfile.Stages.Select(s => s.Name));
            }
        }

        // bootstrap.sh runs inside vault-init from the repository mounted at /repo.
        Assert.Contains(BindMounts("vault-init"), m => m.Host == RepoPaths.Root && m.Container == "/repo");
        Assert.Contains("/repo/deploy/vault/bootstrap.sh", string.Join(' ', Node.Strs(Service("vault-init"), "command")), StringComparison.Ordinal);
    }

    [Fact]
    public void Gateway_Compose_RunsReadOnlyOnRedisAndVaultWithTheAdminPortOnLoopback()
    {
        var gateway = Service("gateway");
        var env = Node.StringMap(gateway, "environment");

        Assert.Equal("true", Node.Str(gateway, "read_only"));
        Assert.Equal("redis:6379", env["Redis__Configuration"]);
        Assert.Equal("Vault", env["Keys__Provider"]);
        Assert.DoesNotContain(env.Keys, k => !GatewaySettings.IsKnown(k));
        var ports = Node.Strs(gateway, "ports").ToList();
        Assert.Contains("127.0.0.1:8081:8081", ports);
        Assert.DoesNotContain(ports, p => p.EndsWith(":8081", StringComparison.Ordinal) && !p.StartsWith("127.0.0.1:", StringComparison.Ordinal));
        // The data folder of the image is a named volume (the root filesystem is read-only).
        var dataPath = DockerfileModel.Load().Stage("gateway").Env["Gateway__DataPath"];
        Assert.Contains(Node.Strs(gateway, "volumes"), v => v.EndsWith(":" + dataPath, StringComparison.Ordinal));
    }

    [Fact]
    public void Prometheus_Compose_ScrapesTheGatewayWithTheShippedRules()
    {
        var mounts = BindMounts("prometheus").ToDictionary(m => m.Container, m => m.Host);
        var configPath = mounts["/etc/prometheus/prometheus.yml"];
        var config = File.ReadAllText(configPath);
        var rulesInContainer = Assert.Single(Node.Strs(YamlSubsetReader.Parse(config), "rule_files"));

        Assert.Equal(RepoPaths.RulesFile, mounts[rulesInContainer]);
        Assert.Contains("- gateway:8081", config, StringComparison.Ordinal);
        Assert.Contains("job_name: aigateway", config, StringComparison.Ordinal);

        // promtool checks the config with the rules where the container will see them.
        var dir = Directory.CreateTempSubdirectory("aigw-compose-prom");
        try
        {
            File.Copy(RepoPaths.RulesFile, Path.Combine(dir.FullName, "rules.yml"));
            File.WriteAllText(Path.Combine(dir.FullName, "prometheus.yml"), config.Replace(rulesInContainer, "rules.yml", StringComparison.Ordinal));
            var result = Promtool.Run("check", "config", Path.Combine(dir.FullName, "prometheus.yml"));
            Assert.True(result.ExitCode == 0, result.Output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Grafana_Compose_ProvisionsTheShippedDashboardAndPrometheus()
    {
        var mounts = BindMounts("grafana").ToList();
        var provider = YamlSubsetReader.Parse(File.ReadAllText(mounts.Single(m => m.Container.Contains("/provisioning/dashboards/", StringComparison.Ordinal)).Host));
        var folder = Node.Str(Assert.Single(Node.Maps(provider, "providers")), "options.path");
        var datasource = YamlSubsetReader.Parse(File.ReadAllText(mounts.Single(m => m.Container.Contains("/provisioning/datasources/", StringComparison.Ordinal)).Host));

        Assert.Contains(mounts, m => m.Host == RepoPaths.Dashboard && m.Container.StartsWith(folder + "/", StringComparison.Ordinal));
        var source = Assert.Single(Node.Maps(datasource, "datasources"));
        Assert.Equal("prometheus", Node.Str(source, "type"));
        Assert.Equal("http://prometheus:9090", Node.Str(source, "url"));
    }
}
