namespace AiGateway.Spend;

/// <summary>
/// Spend over a sliding window in 5-second buckets: the current bucket plus the buckets covering the whole
/// window before it are counted, so any real span of the window's length lies inside the sum (up to five
/// seconds stricter than exact, never looser). Buckets are kept for the longest window a policy may name.
/// The same arithmetic runs in Redis (Scripts/reserve.lua, Scripts/settle.lua).
/// </summary>
internal sealed class VelocityWindow
{
    public const int BucketSeconds = 5;

    private readonly Dictionary<long, long> _buckets = [];

    /// <summary>How many buckets before the current one a window of <paramref name="windowSeconds"/> counts.</summary>
    public static long BucketsBack(int windowSeconds) => (windowSeconds + BucketSeconds - 1) / BucketSeconds;

    public long Sum(long nowSeconds, int windowSeconds)
    {
        var current = nowSeconds / BucketSeconds;
        long sum = 0;
        if (_buckets.Count <= BucketsBack(windowSeconds))
        {
            var oldest = current - BucketsBack(windowSeconds);
            foreach (var (bucket, amount) in _buckets)
            {
                if (bucket >= oldest && bucket <= current)
                {
                    sum += amount;
                }
            }
            return sum;
        }
        for (var bucket = current - BucketsBack(windowSeconds); bucket <= current; bucket++)
        {
            sum += _buckets.GetValueOrDefault(bucket);
        }
        return sum;
    }

    public void Add(long atSeconds, long micros)
    {
        var bucket = atSeconds / BucketSeconds;
        _buckets[bucket] = _buckets.GetValueOrDefault(bucket) + micros;
        if (_buckets.Count > 2 * BucketsBack(SpendPolicyCompiler.MaxWindowSeconds))
        {
            var oldest = bucket - BucketsBack(SpendPolicyCompiler.MaxWindowSeconds);
            foreach (var old in _buckets.Keys.Where(b => b < oldest).ToList())
            {
                _buckets.Remove(old);
            }
        }
    }
}
