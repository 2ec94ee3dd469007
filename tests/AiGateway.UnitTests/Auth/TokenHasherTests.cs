using System.Security.Cryptography;
using System.Text;
using AiGateway.Auth;

namespace AiGateway.UnitTests.Auth;

public class TokenHasherTests
{
    private static byte[] NewKey(int length = 32) => RandomNumberGenerator.GetBytes(length);

    [Fact]
    public void Hash_SameInputSameKey_SameHash()
    {
        var key = NewKey();
        var token = TokenFormat.Generate();

        var first = new TokenHasher(key).Hash(token);
        var second = new TokenHasher((byte[])key.Clone()).Hash(token);

        Assert.Equal(first, second);
        Assert.True(TokenHasher.FixedTimeEquals(first, second));
    }

    [Fact]
    public void Hash_DifferentKey_DifferentHash()
    {
        var token = TokenFormat.Generate();

        var first = new TokenHasher(NewKey()).Hash(token);
        var second = new TokenHasher(NewKey()).Hash(token);

        Assert.NotEqual(first, second);
        Assert.False(TokenHasher.FixedTimeEquals(first, second));
    }

    [Fact]
    public void Hash_DifferentInput_DifferentHash()
    {
        var hasher = new TokenHasher(NewKey());

        Assert.NotEqual(hasher.Hash(TokenFormat.Generate()), hasher.Hash(TokenFormat.Generate()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(41)]
    [InlineData(128)]
    [InlineData(129)] // past the stack buffer
    [InlineData(5000)]
    public void Hash_AnyLength_IsHmacSha256OfUtf8(int length)
    {
        var key = NewKey(48);
        var text = new string('x', length) + "é"; // one non-ASCII character to exercise UTF-8

        var hash = new TokenHasher(key).Hash(text);

        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));
        Assert.Equal(TokenHash.FromBytes(expected), hash);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    public void Constructor_KeyShorterThan32Bytes_Throws(int length)
    {
        var ex = Assert.Throws<ArgumentException>(() => new TokenHasher(new byte[length]));
        Assert.Equal("key", ex.ParamName);
    }

    [Fact]
    public void Constructor_NullKey_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new TokenHasher(null!));
    }

    [Fact]
    public void Constructor_Exactly32Bytes_Accepted()
    {
        var hasher = new TokenHasher(NewKey(32));

        Assert.NotEqual(default, hasher.Hash("aigw_x"));
    }

    [Fact]
    public void FixedTimeEquals_Same_ReturnsTrue()
    {
        var hash = new TokenHash(1, 2, 3, 4);

        Assert.True(TokenHasher.FixedTimeEquals(hash, new TokenHash(1, 2, 3, 4)));
    }

    [Theory]
    [InlineData(9ul, 2ul, 3ul, 4ul)]
    [InlineData(1ul, 9ul, 3ul, 4ul)]
    [InlineData(1ul, 2ul, 9ul, 4ul)]
    [InlineData(1ul, 2ul, 3ul, 5ul)]
    [InlineData(0ul, 0ul, 0ul, 0ul)]
    public void FixedTimeEquals_AnyWordDiffers_ReturnsFalse(ulong a, ulong b, ulong c, ulong d)
    {
        Assert.False(TokenHasher.FixedTimeEquals(new TokenHash(1, 2, 3, 4), new TokenHash(a, b, c, d)));
    }
}
