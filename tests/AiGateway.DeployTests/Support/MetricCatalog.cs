namespace AiGateway.DeployTests.Support;

/// <summary>
/// The gateway's Prometheus series as listed in deploy/prometheus/metric-names.txt (<c>name type labels</c>,
/// labels comma-separated or <c>-</c>), plus the recording rules defined on top of them.
/// </summary>
internal sealed class MetricCatalog
{
    /// <summary>Labels Prometheus adds to every scraped series; any selector may use them.</summary>
    public static readonly IReadOnlySet<string> TargetLabels = new HashSet<string>(StringComparer.Ordinal) { "job", "instance" };

    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    private readonly Dictionary<string, IReadOnlySet<string>> _recordingRules = new(StringComparer.Ordinal);

    private MetricCatalog(IReadOnlyDictionary<string, MetricInfo> metrics) => Metrics = metrics;

    public IReadOnlyDictionary<string, MetricInfo> Metrics { get; }

    public IReadOnlyDictionary<string, IReadOnlySet<string>> RecordingRules => _recordingRules;

    public static MetricCatalog Load(string path) => Parse(File.ReadAllLines(path));

    public static MetricCatalog Parse(IEnumerable<string> lines)
    {
        var metrics = new Dictionary<string, MetricInfo>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3)
            {
                throw new FormatException($"metric-names.txt: expected 'name type labels', got '{line}'");
            }

            var labels = parts[2] == "-" ? [] : parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries);
            metrics.Add(parts[0], new MetricInfo(parts[0], parts[1], new HashSet<string>(labels, StringComparer.Ordinal)));
        }

        return new MetricCatalog(metrics);
    }

    /// <summary>Adds a recording rule's output series and the labels it carries.</summary>
    public void AddRecordingRule(string name, IReadOnlySet<string> labels) => _recordingRules[name] = labels;

    /// <summary>
    /// The labels a series of this name carries: the listed labels of a metric (histograms only as
    /// <c>_bucket</c> (with <c>le</c>), <c>_sum</c> and <c>_count</c>), or a recording rule's labels.
    /// </summary>
    public bool TryGetLabels(string seriesName, out IReadOnlySet<string> labels)
    {
        if (_recordingRules.TryGetValue(seriesName, out labels!))
        {
            return true;
        }

        if (Metrics.TryGetValue(seriesName, out var metric) && metric.Type != "histogram")
        {
            labels = metric.Labels;
            return true;
        }

        foreach (var suffix in HistogramSuffixes)
        {
            if (seriesName.EndsWith(suffix, StringComparison.Ordinal)
                && Metrics.TryGetValue(seriesName[..^suffix.Length], out var histogram)
                && histogram.Type == "histogram")
            {
                labels = suffix == "_bucket" ? new HashSet<string>(histogram.Labels.Append("le"), StringComparer.Ordinal) : histogram.Labels;
                return true;
            }
        }

        labels = new HashSet<string>();
        return false;
    }
}
