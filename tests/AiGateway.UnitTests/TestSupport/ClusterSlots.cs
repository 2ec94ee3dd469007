namespace AiGateway.UnitTests.TestSupport;

/// <summary>
/// Redis Cluster's key-to-slot mapping, computed here because a standalone server (what the tests run) reports
/// no slots: StackExchange.Redis answers -1 for every key there, which would make any "same slot" check vacuous.
/// </summary>
internal static class ClusterSlots
{
    /// <summary>CRC16 (XMODEM) of the key's hash tag modulo 16384, per the Redis Cluster specification.</summary>
    public static int Of(string key)
    {
        var open = key.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = key.IndexOf('}', open + 1);
            if (close > open + 1)
            {
                key = key[(open + 1)..close];
            }
        }
        ushort crc = 0;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(key))
        {
            crc ^= (ushort)(b << 8);
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }
        }
        return crc % 16384;
    }
}
