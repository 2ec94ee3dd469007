namespace AiGateway.DeployTests.Support;

/// <summary>Files of the repository, found from the test assembly's folder upwards.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding <c>AiGateway.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    public static string PrometheusDir => Path.Combine(Root, "deploy", "prometheus");

    public static string RulesFile => Path.Combine(PrometheusDir, "aigateway-rules.yml");

    public static string RulesTestFile => Path.Combine(PrometheusDir, "aigateway-rules.test.yml");

    public static string PrometheusConfig => Path.Combine(PrometheusDir, "prometheus.yml");

    public static string MetricNamesFile => Path.Combine(PrometheusDir, "metric-names.txt");

    public static string Dashboard => Path.Combine(Root, "deploy", "grafana", "aigateway-dashboard.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder containing AiGateway.sln above {AppContext.BaseDirectory}.");
    }
}
