using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace AiGateway.Spend;

/// <summary>
/// Gateway request ids: <c>req_</c> + 12 hex digits of the Unix time in milliseconds + 16 random hex
/// digits. Sortable by time, unique across replicas and restarts without coordination.
/// </summary>
public static class RequestIds
{
    public const string Prefix = "req_";

    public const int Length = 32;

    public static string New()
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        var state = (Ms: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Random: BinaryPrimitives.ReadUInt64LittleEndian(random));
        return string.Create(Length, state, static (span, s) =>
        {
            Prefix.AsSpan().CopyTo(span);
            s.Ms.TryFormat(span.Slice(4, 12), out _, "x12", CultureInfo.InvariantCulture);
            s.Random.TryFormat(span.Slice(16, 16), out _, "x16", CultureInfo.InvariantCulture);
        });
    }
}
