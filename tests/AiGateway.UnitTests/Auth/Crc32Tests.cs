using AiGateway.Auth;

namespace AiGateway.UnitTests.Auth;

public class Crc32Tests
{
    [Fact]
    public void Compute_StandardCheckInput_ReturnsCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"));
    }

    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("abc", 0x352441C2u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Compute_KnownInputs_MatchIeeeCrc32(string text, uint expected)
    {
        Assert.Equal(expected, Crc32.Compute(text));
    }

    [Fact]
    public void Compute_RandomText_MatchesBitwiseReference()
    {
        // Bitwise reference implementation (no table) to cross-check the table-driven one.
        for (var i = 0; i < 50; i++)
        {
            var text = Base62.Random(1 + i);
            Assert.Equal(ReferenceCrc32(text), Crc32.Compute(text));
        }
    }

    private static uint ReferenceCrc32(string ascii)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in ascii)
        {
            crc ^= (byte)c;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
