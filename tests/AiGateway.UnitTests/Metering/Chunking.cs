namespace AiGateway.UnitTests.Metering;

/// <summary>Cuts a byte stream the way a network might: at any byte, in sizes taken in turn from a list.</summary>
internal static class Chunking
{
    public static List<byte[]> Split(byte[] bytes, IReadOnlyList<int> sizes)
    {
        var chunks = new List<byte[]>();
        var offset = 0;
        var i = 0;
        while (offset < bytes.Length)
        {
            var size = Math.Clamp(sizes[i++ % sizes.Count], 1, bytes.Length - offset);
            chunks.Add(bytes.AsSpan(offset, size).ToArray());
            offset += size;
        }
        return chunks;
    }

    public static List<byte[]> Bytewise(byte[] bytes) => Split(bytes, [1]);
}
