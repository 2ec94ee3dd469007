namespace AiGateway.Auth;

/// <summary>
/// CRC-32 (IEEE 802.3), the checksum GitHub-style tokens use so leak scanners can validate a
/// candidate offline. Written here because System.IO.Hashing is not otherwise needed yet.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<char> asciiText)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in asciiText)
        {
            crc = Table[(crc ^ (byte)c) & 0xFF] ^ (crc >> 8);
        }
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var entry = i;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? 0xEDB88320u ^ (entry >> 1) : entry >> 1;
            }
            table[i] = entry;
        }
        return table;
    }
}
