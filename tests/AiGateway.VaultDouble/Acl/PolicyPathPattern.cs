namespace AiGateway.VaultDouble;

/// <summary>
/// One <c>path "..."</c> pattern of a policy, pre-analysed for matching and for Vault's priority rules
/// (hashicorp/vault <c>vault/acl.go</c>, <c>CheckAllowedFromNonExactPaths</c>).
/// </summary>
internal sealed class PolicyPathPattern
{
    private readonly string[] _segments;

    private PolicyPathPattern(string text)
    {
        Text = text;
        IsPrefix = text.EndsWith('*');
        Body = IsPrefix ? text[..^1] : text;
        _segments = Body.Split('/');
        WildcardCount = _segments.Count(static s => s == "+");

        // Vault ranks by the index of the first '+' (segment-wildcard paths) or the glob (prefix paths).
        var firstPlus = WildcardCount > 0 ? Body.IndexOf('+', StringComparison.Ordinal) : -1;
        FirstWildcardIndex = firstPlus >= 0 ? firstPlus : IsPrefix ? Body.Length : -1;
    }

    /// <summary>The pattern as written (leading slash removed).</summary>
    public string Text { get; }

    /// <summary>The pattern without its trailing <c>*</c>.</summary>
    public string Body { get; }

    /// <summary>True when the pattern ends in the <c>*</c> glob.</summary>
    public bool IsPrefix { get; }

    /// <summary>How many segments are exactly <c>+</c>.</summary>
    public int WildcardCount { get; }

    /// <summary>Index of the first <c>+</c> or <c>*</c>; -1 for an exact path.</summary>
    public int FirstWildcardIndex { get; }

    /// <summary>An exact path: no glob and no <c>+</c> segment. Exact rules beat every wildcard rule that matches.</summary>
    public bool IsExact => !IsPrefix && WildcardCount == 0;

    /// <summary>Validates and analyses a pattern; the message says what is wrong, for the parser to wrap with a line.</summary>
    public static PolicyPathPattern Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimStart('/');
        if (trimmed.Length == 0)
        {
            throw new FormatException("a policy path must not be empty");
        }

        // Vault treats a '*' anywhere but at the end as a literal character, which is never what a policy
        // author meant; the double refuses it so a shipped policy with that mistake fails its tests.
        var star = trimmed.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0 && star != trimmed.Length - 1)
        {
            throw new FormatException($"path \"{text}\": '*' is only valid as the last character (it is a prefix glob, not a regex)");
        }

        return new PolicyPathPattern(trimmed);
    }

    /// <summary>Whether this non-exact pattern matches <paramref name="path"/>.</summary>
    public bool Matches(string path)
    {
        if (IsExact)
        {
            return string.Equals(path, Text, StringComparison.Ordinal);
        }

        if (WildcardCount == 0)
        {
            return path.StartsWith(Body, StringComparison.Ordinal);
        }

        var parts = path.Split('/');
        if (parts.Length < _segments.Length || (!IsPrefix && parts.Length != _segments.Length))
        {
            return false;
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            var last = i == _segments.Length - 1;
            var matched = segment == "+"
                || string.Equals(segment, parts[i], StringComparison.Ordinal)
                || (IsPrefix && last && parts[i].StartsWith(segment, StringComparison.Ordinal));
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Orders two matching wildcard patterns by Vault's priority rules; negative when <paramref name="a"/> has the
    /// LOWER priority. Rules (each decides only when it distinguishes them): 1. the first wildcard comes earlier;
    /// 2. ends in <c>*</c> while the other does not; 3. more <c>+</c> segments; 4. shorter; 5. lexicographically smaller.
    /// </summary>
    public static int ComparePriority(PolicyPathPattern a, PolicyPathPattern b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.FirstWildcardIndex != b.FirstWildcardIndex)
        {
            return a.FirstWildcardIndex < b.FirstWildcardIndex ? -1 : 1;
        }

        if (a.IsPrefix != b.IsPrefix)
        {
            return a.IsPrefix ? -1 : 1;
        }

        if (a.WildcardCount != b.WildcardCount)
        {
            return a.WildcardCount > b.WildcardCount ? -1 : 1;
        }

        if (a.Body.Length != b.Body.Length)
        {
            return a.Body.Length < b.Body.Length ? -1 : 1;
        }

        return Math.Sign(string.CompareOrdinal(a.Body, b.Body));
    }

    public override string ToString() => Text;
}
