using System.Text;
using AiGateway.Limits.Estimation;
using FsCheck.Xunit;

namespace AiGateway.UnitTests.Limits.Estimation;

public class FastTokenHeuristicTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("a", 1)]
    [InlineData("hello", 2)] // 5 × 0.205 = 1.025, rounded up
    [InlineData("hi", 1)] // 0.41
    [InlineData("2025", 3)] // 4 × 0.63
    [InlineData("東京", 2)] // 2 × 0.76
    [InlineData("😀", 3)] // 2.5
    public void Count_Text_RoundsUpWeightedBytes(string text, int expected)
    {
        Assert.Equal(expected, FastTokenHeuristic.Count(Encoding.UTF8.GetBytes(text)));
    }

    [Property(MaxTest = 500)]
    public void MeasureMilli_AnyText_VectorPathEqualsPerByteDefinition(string? text)
    {
        var bytes = Encoding.UTF8.GetBytes(text ?? string.Empty);

        Assert.Equal(PerByte(bytes), FastTokenHeuristic.MeasureMilli(bytes));
    }

    [Fact]
    public void MeasureMilli_LongMixedText_VectorPathEqualsPerByteDefinition()
    {
        var text = new PromptText(3);
        var bytes = Encoding.UTF8.GetBytes(text.Prose(3000) + text.Cjk(2000) + text.EmojiChat(1000) + "Grüße Привет");

        Assert.Equal(PerByte(bytes), FastTokenHeuristic.MeasureMilli(bytes));
    }

    [Fact]
    public void ToTokens_Huge_SaturatesAtIntMax()
    {
        Assert.Equal(int.MaxValue, FastTokenHeuristic.ToTokens(long.MaxValue / 2));
    }

    private static long PerByte(byte[] bytes)
    {
        long milli = 0;
        foreach (var b in bytes)
        {
            milli += b switch
            {
                (byte)' ' => FastTokenHeuristic.WordByteMilli,
                < 0x80 when char.IsAsciiLetter((char)b) => FastTokenHeuristic.WordByteMilli,
                < 0x80 when char.IsAsciiDigit((char)b) => FastTokenHeuristic.DigitByteMilli,
                < 0x80 => FastTokenHeuristic.SymbolByteMilli,
                >= 0xF0 => FastTokenHeuristic.FourByteCharMilli,
                >= 0xE0 => FastTokenHeuristic.ThreeByteCharMilli,
                >= 0xC0 => FastTokenHeuristic.TwoByteCharMilli,
                _ => 0,
            };
        }

        return milli;
    }
}
