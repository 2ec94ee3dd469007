namespace AiGateway.Storage.Redis;

/// <summary>
/// The shared store for many replicas (section <c>Redis</c>). Unset <see cref="Configuration"/> means the
/// embedded single-instance store.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>redis:6379,password=…,ssl=true</c> (env <c>Redis__Configuration</c>).</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key, so several gateways can share one Redis. Default <c>aigw</c>.</summary>
    public string KeyPrefix { get; set; } = "aigw";

    /// <summary>What admission does when Redis cannot be reached: <c>Open</c> (local share of the limits) or <c>Closed</c> (503). Default Open.</summary>
    public RedisFailureMode FailureMode { get; set; } = RedisFailureMode.Open;

    /// <summary>How many replicas share the limits; in fail-open each replica enforces 1/N of them locally. Default 1.</summary>
    public int ReplicaCount { get; set; } = 1;

    /// <summary>How long a replica trusts a token looked up from Redis before asking again, in milliseconds; revocations also arrive by pub/sub at once. Default 1000.</summary>
    public int TokenCacheMilliseconds { get; set; } = 1000;

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}

/// <summary>Behaviour of limit checks while Redis is unreachable.</summary>
public enum RedisFailureMode
{
    /// <summary>Keep serving; each replica applies its share of the limits locally, and every use of the fallback is logged and counted.</summary>
    Open,
    /// <summary>Refuse with an OpenAI-shaped 503 until Redis answers again.</summary>
    Closed,
}
