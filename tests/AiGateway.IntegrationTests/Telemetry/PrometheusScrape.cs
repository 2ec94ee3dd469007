using System.Globalization;
using System.Text;

namespace AiGateway.IntegrationTests.Telemetry;

/// <summary>One sample of a Prometheus text exposition: <c>name{label="value",...} value</c>.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A parsed <c>GET /metrics</c> answer (text exposition format 0.0.4), with the raw text for secret scans.</summary>
internal sealed class PrometheusScrape
{
    private PrometheusScrape(string text, List<PrometheusSample> samples, Dictionary<string, string> types)
    {
        Text = text;
        Samples = samples;
        Types = types;
    }

    public string Text { get; }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>Metric family name to its <c># TYPE</c>.</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public IEnumerable<PrometheusSample> Named(string name) => Samples.Where(s => s.Name == name);

    /// <summary>Sum of the samples named <paramref name="name"/> whose labels include every pair given.</summary>
    public double Sum(string name, params (string Label, string Value)[] match) =>
        Named(name).Where(s => match.All(m => s.Labels.TryGetValue(m.Label, out var v) && v == m.Value)).Sum(s => s.Value);

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types[parts[2]] = parts[3];
            }
            else if (line.Length > 0 && line[0] != '#')
            {
                samples.Add(ParseSample(line));
            }
        }
        return new PrometheusScrape(text, samples, types);
    }

    private static PrometheusSample ParseSample(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ')
        {
            i++;
        }
        var name = line[..i];
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var label = line[i..eq];
                i = eq + 2; // past ="
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] == 'n' ? '\n' : line[i]);
                    }
                    else
                    {
                        value.Append(line[i]);
                    }
                    i++;
                }
                labels[label] = value.ToString();
                i++; // past the closing quote
                if (line[i] == ',')
                {
                    i++;
                }
            }
            i++; // past }
        }
        var rest = line[i..].Trim().Split(' ')[0];
        return new PrometheusSample(name, labels, double.Parse(rest, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}

/// <summary>One line of deploy/prometheus/metric-names.txt: a series the gateway promises to export.</summary>
internal sealed record MetricContract(string Name, string Type, IReadOnlySet<string> Labels)
{
    public static IReadOnlyList<MetricContract> Load()
    {
        var path = Path.Combine(Infrastructure.TestPaths.RepositoryRoot, "deploy", "prometheus", "metric-names.txt");
        return [.. File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => new MetricContract(p[0], p[1], p[2] == "-" ? new HashSet<string>() : p[2].Split(',').ToHashSet(StringComparer.Ordinal)))];
    }
}
