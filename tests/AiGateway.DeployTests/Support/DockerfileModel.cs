using System.Text.RegularExpressions;

namespace AiGateway.DeployTests.Support;

/// <summary>
/// deploy/docker/Dockerfile read into stages and instructions (line continuations joined, comments dropped), so tests
/// can check what a Docker engine would do without one being installed.
/// </summary>
internal sealed class DockerfileModel
{
    public static string PathOnDisk => Path.Combine(RepoPaths.Root, "deploy", "docker", "Dockerfile");

    private DockerfileModel(IReadOnlyList<DockerStage> stages, IReadOnlyList<DockerInstruction> global)
    {
        Stages = stages;
        Global = global;
    }

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>Instructions before the first FROM (ARGs).</summary>
    public IReadOnlyList<DockerInstruction> Global { get; }

    public DockerStage Stage(string name) =>
        Stages.SingleOrDefault(s => s.Name == name) ?? throw new Xunit.Sdk.XunitException($"the Dockerfile has no stage '{name}'");

    public static DockerfileModel Load() => Parse(File.ReadAllText(PathOnDisk));

    public static DockerfileModel Parse(string text)
    {
        var stages = new List<DockerStage>();
        var global = new List<DockerInstruction>();
        var logical = string.Empty;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && logical.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                logical += line[..^1] + " ";
                continue;
            }

            logical += line;
            var space = logical.IndexOf(' ', StringComparison.Ordinal);
            var instruction = new DockerInstruction(logical[..space].ToUpperInvariant(), logical[(space + 1)..].Trim());
            logical = string.Empty;
            if (instruction.Keyword == "FROM")
            {
                var parts = instruction.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new DockerStage(parts.Length == 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : $"#{stages.Count}", parts[0]));
            }
            else if (stages.Count == 0)
            {
                global.Add(instruction);
            }
            else
            {
                stages[^1].Instructions.Add(instruction);
            }
        }

        return new DockerfileModel(stages, global);
    }
}

internal sealed record DockerInstruction(string Keyword, string Args);

internal sealed partial class DockerStage(string name, string image)
{
    public string Name { get; } = name;

    public string Image { get; } = image;

    public List<DockerInstruction> Instructions { get; } = [];

    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    /// <summary>The user the stage's container runs as (its last USER), or null (root).</summary>
    public string? User => All("USER").LastOrDefault()?.Args;

    /// <summary>ENV names and values (the <c>NAME=value</c> form).</summary>
    public Dictionary<string, string> Env => All("ENV")
        .SelectMany(i => i.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);

    /// <summary>COPY instructions as (from stage or null, sources, destination).</summary>
    public IEnumerable<(string? From, IReadOnlyList<string> Sources, string Destination)> Copies =>
        All("COPY").Concat(All("ADD")).Select(i =>
        {
            var words = i.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            var from = words.FirstOrDefault(w => w.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..];
            words.RemoveAll(w => w.StartsWith("--", StringComparison.Ordinal));
            return (from, (IReadOnlyList<string>)words[..^1], words[^1]);
        });

    /// <summary>The words of a JSON-array (exec form) instruction such as ENTRYPOINT or CMD.</summary>
    public static IReadOnlyList<string> ExecForm(string args) =>
        JsonWord().Matches(args).Select(m => m.Groups[1].Value.Replace("\\\\", "\\", StringComparison.Ordinal)).ToList();

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex JsonWord();
}
