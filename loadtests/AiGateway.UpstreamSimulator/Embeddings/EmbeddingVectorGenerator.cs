namespace AiGateway.UpstreamSimulator;

/// <summary>
/// Deterministic unit-length vectors: the same input always yields the same vector (so caches and similarity
/// tests behave), different inputs yield unrelated ones. Seeded by an FNV-1a hash of the input and expanded
/// with SplitMix64; no cryptographic quality is needed.
/// </summary>
internal static class EmbeddingVectorGenerator
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    public static void Fill(EmbeddingInput input, Span<float> destination)
    {
        var state = Hash(input);
        double sumOfSquares = 0;
        for (var i = 0; i < destination.Length; i++)
        {
            // Top 24 bits give an exactly representable float in [0, 1); shift to [-1, 1).
            var unit = (NextSplitMix(ref state) >> 40) / (double)(1UL << 24);
            var value = (float)((unit * 2) - 1);
            destination[i] = value;
            sumOfSquares += value * value;
        }

        var scale = sumOfSquares > 0 ? 1 / Math.Sqrt(sumOfSquares) : 0;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)(destination[i] * scale);
        }
    }

    private static ulong Hash(EmbeddingInput input)
    {
        var hash = FnvOffset;
        if (input.Text is { } text)
        {
            foreach (var c in text)
            {
                hash = (hash ^ c) * FnvPrime;
            }
        }
        else if (input.TokenIds is { } ids)
        {
            // A marker keeps token-id input distinct from text with the same code units.
            hash = (hash ^ 0xFFFF_FFFFUL) * FnvPrime;
            foreach (var id in ids)
            {
                hash = (hash ^ (uint)id) * FnvPrime;
            }
        }

        return hash;
    }

    private static ulong NextSplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
