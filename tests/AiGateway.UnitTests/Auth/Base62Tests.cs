using AiGateway.Auth;

namespace AiGateway.UnitTests.Auth;

public class Base62Tests
{
    [Theory]
    [InlineData(0u, "000000")]
    [InlineData(1u, "000001")]
    [InlineData(61u, "00000z")]
    [InlineData(62u, "000010")]
    [InlineData(uint.MaxValue, "4gfFC3")]
    public void EncodeFixed_Value_WritesZeroPaddedDigits(uint value, string expected)
    {
        Span<char> destination = stackalloc char[6];

        Base62.EncodeFixed(value, destination);

        Assert.Equal(expected, destination.ToString());
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("abcXYZ019", true)]
    [InlineData("abc-def", false)]
    [InlineData("abc_def", false)]
    [InlineData("abc def", false)]
    [InlineData("abcé", false)]
    public void IsBase62_Text_ReportsAlphabetMembership(string text, bool expected)
    {
        Assert.Equal(expected, Base62.IsBase62(text));
    }

    [Fact]
    public void Random_Length_ReturnsBase62OfThatLength()
    {
        var text = Base62.Random(100);

        Assert.Equal(100, text.Length);
        Assert.True(Base62.IsBase62(text));
    }
}
