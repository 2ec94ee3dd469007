namespace AiGateway.VaultDouble;

/// <summary>What a KV v2 read found; the two kinds of 404 look different on the wire (A.3).</summary>
internal enum KvReadStatus
{
    /// <summary>Never written, or no such version: plain 404.</summary>
    NotFound,

    /// <summary>Soft-deleted or destroyed: 404 carrying the version metadata.</summary>
    Hidden,

    Found,
}
