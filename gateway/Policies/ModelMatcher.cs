namespace AiGateway.Policies;

/// <summary>
/// A team's model allowlist, compiled once per policy load: exact names in a set, and <c>*</c> globs
/// (any run of characters, anywhere in the pattern). Names are case-sensitive, as providers treat them.
/// </summary>
public sealed class ModelMatcher
{
    private readonly HashSet<string> _exact;
    private readonly string[] _globs;

    public ModelMatcher(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        _exact = new HashSet<string>(StringComparer.Ordinal);
        var globs = new List<string>();
        foreach (var pattern in patterns)
        {
            if (pattern.Contains('*', StringComparison.Ordinal))
            {
                globs.Add(pattern);
            }
            else
            {
                _exact.Add(pattern);
            }
        }
        _globs = [.. globs];
    }

    public bool IsAllowed(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_exact.Contains(model))
        {
            return true;
        }
        foreach (var glob in _globs)
        {
            if (GlobMatches(glob, model))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Iterative wildcard match with backtracking to the last star: linear in practice, no regex.</summary>
    internal static bool GlobMatches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (p < pattern.Length && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}
