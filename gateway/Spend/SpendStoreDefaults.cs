namespace AiGateway.Spend;

/// <summary>Constants both spend stores share.</summary>
internal static class SpendStoreDefaults
{
    /// <summary>
    /// How long a hold lives if its request never settles (the replica died mid-request). Longer than any
    /// request may run (the upstream activity timeout bounds streams), short enough not to block a budget for long.
    /// </summary>
    public const long HoldMilliseconds = 15 * 60 * 1000;

    /// <summary>How long Redis remembers a settled request id, so a replayed spool never counts a record twice.</summary>
    public const long SeenSeconds = 40L * 24 * 3600;
}

/// <summary>The soft alert: fires once, for the settlement that crosses the threshold.</summary>
internal static class SpendAlerts
{
    public static bool Crossed(long before, long after, long cap, int percent)
    {
        if (cap <= 0)
        {
            return false;
        }
        var threshold = (Int128)cap * percent;
        return (Int128)before * 100 < threshold && (Int128)after * 100 >= threshold;
    }
}
