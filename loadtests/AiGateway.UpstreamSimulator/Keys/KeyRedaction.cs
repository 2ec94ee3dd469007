namespace AiGateway.UpstreamSimulator;

/// <summary>The two ways the simulator shows a key without revealing it.</summary>
internal static class KeyRedaction
{
    /// <summary>
    /// Listing form (<c>sk-sim-…abcd</c>). Short keys reveal less so that most of the key stays hidden:
    /// the default <c>sk-sim-local</c> would otherwise be shown almost whole.
    /// </summary>
    public static string Redact(string key)
    {
        if (key.Length >= 24)
        {
            return string.Concat(key.AsSpan(0, 7), "…", key.AsSpan(key.Length - 4));
        }

        var visible = Math.Min(3, key.Length / 4);
        return string.Concat(key.AsSpan(0, visible), "…", key.AsSpan(key.Length - Math.Min(2, visible)));
    }

    /// <summary>OpenAI's 401 form: the first six characters followed by <c>***</c> (never more than half a short key).</summary>
    public static string Mask(string key) => string.Concat(key.AsSpan(0, Math.Min(6, key.Length / 2)), "***");
}
