using AiGateway.Auth;

namespace AiGateway.UnitTests.Auth;

public class TokenHashTests
{
    private static byte[] Sequence() => Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void ToString_KnownBytes_LowerCaseBigEndianHex()
    {
        var hash = TokenHash.FromBytes(Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i % 16)).ToArray());

        Assert.Equal("a0a1a2a3a4a5a6a7a8a9aaabacadaeafa0a1a2a3a4a5a6a7a8a9aaabacadaeaf", hash.ToString());
    }

    [Fact]
    public void ToString_SequenceBytes_MatchesConvertToHex()
    {
        var bytes = Sequence();

        Assert.Equal(Convert.ToHexStringLower(bytes), TokenHash.FromBytes(bytes).ToString());
    }

    [Fact]
    public void Parse_ToStringOutput_RoundTrips()
    {
        var original = new TokenHasher(new byte[32]).Hash("aigw_example");

        var text = original.ToString();
        var parsed = TokenHash.Parse(text);

        Assert.Equal(64, text.Length);
        Assert.Equal(original, parsed);
        Assert.Equal(text, parsed.ToString());
    }

    [Fact]
    public void Parse_UpperCaseHex_SameHash()
    {
        var original = TokenHash.FromBytes(Sequence());

        Assert.Equal(original, TokenHash.Parse(original.ToString().ToUpperInvariant()));
    }

    [Fact]
    public void ToString_SmallWords_KeepsLeadingZeros()
    {
        var hash = new TokenHash(0, 1, 0xff, ulong.MaxValue);

        Assert.Equal("0000000000000000" + "0000000000000001" + "00000000000000ff" + "ffffffffffffffff", hash.ToString());
        Assert.Equal(hash, TokenHash.Parse(hash.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e")] // 31 bytes
    [InlineData("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20")] // 33 bytes
    public void Parse_WrongByteLength_ThrowsArgumentException(string hex)
    {
        Assert.Throws<ArgumentException>(() => TokenHash.Parse(hex));
    }

    [Theory]
    [InlineData("zz0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")]
    [InlineData("000")]
    public void Parse_NotHex_ThrowsFormatException(string hex)
    {
        Assert.Throws<FormatException>(() => TokenHash.Parse(hex));
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TokenHash.Parse(null!));
    }

    [Fact]
    public void WriteBytes_AfterFromBytes_ReturnsSameBytes()
    {
        var bytes = Sequence();
        var destination = new byte[32];

        TokenHash.FromBytes(bytes).WriteBytes(destination);

        Assert.Equal(bytes, destination);
    }

    [Fact]
    public void Equality_SameWords_EqualAndSameHashCode()
    {
        var a = TokenHash.FromBytes(Sequence());
        var b = TokenHash.Parse(a.ToString());

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a with { D = a.D + 1 });
    }
}
