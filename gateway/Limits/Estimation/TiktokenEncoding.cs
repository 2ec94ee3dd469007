namespace AiGateway.Limits.Estimation;

/// <summary>The tiktoken encodings the exact estimator counts with.</summary>
internal enum TiktokenEncoding
{
    /// <summary>gpt-4o, gpt-4.1, gpt-5, o1/o3/o4, and the cookbook's fallback for any unknown model.</summary>
    O200kBase,

    /// <summary>gpt-4 (and its dated snapshots), gpt-3.5-turbo, text-embedding-*.</summary>
    Cl100kBase,
}
