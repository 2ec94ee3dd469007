using System.Text.RegularExpressions;

namespace AiGateway.DeployTests.Support;

/// <summary>The repository's .dockerignore: which paths of the build context Docker leaves out.</summary>
internal sealed class DockerIgnore(IReadOnlyList<(string Pattern, Regex Regex)> patterns)
{
    public IReadOnlyList<string> Patterns { get; } = patterns.Select(p => p.Pattern).ToList();

    public static DockerIgnore Load() => new(File.ReadAllLines(Path.Combine(RepoPaths.Root, ".dockerignore"))
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(p => p.StartsWith('!') ? throw new NotSupportedException($"exceptions ('{p}') are not modelled") : p)
        .Select(p => (p, ToRegex(p)))
        .ToList());

    /// <summary>True when <paramref name="path"/> (relative, '/'-separated) or a folder above it is excluded.</summary>
    public bool Excludes(string path)
    {
        var parts = path.Trim('/').Split('/');
        for (var n = 1; n <= parts.Length; n++)
        {
            var prefix = string.Join('/', parts[..n]);
            if (patterns.Any(p => p.Regex.IsMatch(prefix)))
            {
                return true;
            }
        }

        return false;
    }

    private static Regex ToRegex(string pattern)
    {
        var body = Regex.Escape(pattern.Trim('/'))
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return new Regex("^" + body + "$", RegexOptions.CultureInvariant);
    }
}
