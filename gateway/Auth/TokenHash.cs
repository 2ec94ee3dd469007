using System.Buffers.Binary;
using System.Globalization;

namespace AiGateway.Auth;

/// <summary>
/// The HMAC-SHA256 of a token secret, as four 64-bit words so it can key a dictionary without
/// allocating a string per request. Its text form (lower-case hex) is what stores persist.
/// </summary>
public readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D)
{
    internal const int ByteLength = 32;

    public static TokenHash FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength)
        {
            throw new ArgumentException($"A token hash is {ByteLength} bytes.", nameof(bytes));
        }
        return new TokenHash(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    public void WriteBytes(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, A);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], D);
    }

    public static TokenHash Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return FromBytes(Convert.FromHexString(hex));
    }

    public override string ToString()
    {
        return string.Create(CultureInfo.InvariantCulture, $"{A:x16}{B:x16}{C:x16}{D:x16}");
    }
}
