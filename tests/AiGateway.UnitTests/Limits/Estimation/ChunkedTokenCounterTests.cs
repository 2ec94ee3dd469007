using System.Text;
using AiGateway.Limits.Estimation;

namespace AiGateway.UnitTests.Limits.Estimation;

public class ChunkedTokenCounterTests
{
    [Fact]
    public void Count_LongUnbrokenLetterRun_CutsAndStaysExactForRepeatedLetters()
    {
        // Uncut, 200,000 letters take minutes (quadratic BPE); cut at 256 they take milliseconds. o200k encodes
        // runs of 'a' eight to a token, so 256-character pieces lose nothing.
        var run = new string('a', 200_000);

        Assert.Equal(25_000, ChunkedTokenCounter.Count(CookbookReference.O200k, run));
    }

    [Fact]
    public void Count_CjkWithoutPunctuation_WithinOnePercentOfUncut()
    {
        var random = new Random(5);
        var text = string.Create(20_000, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)r.Next(0x4E00, 0x9FA5);
            }
        });

        var uncut = CookbookReference.Tokens(CookbookReference.O200k, text);
        var cut = ChunkedTokenCounter.Count(CookbookReference.O200k, text);

        Assert.InRange(cut, uncut, uncut * 1.01);
    }

    [Fact]
    public void Count_SpecialTokensAcrossManyWindows_NeverSplitsThem()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            text.Append("word<|endoftext|>x_y|z ").Append(i).Append("<|endofprompt|>");
        }

        var value = text.ToString();

        Assert.Equal(CookbookReference.Tokens(CookbookReference.O200k, value), ChunkedTokenCounter.Count(CookbookReference.O200k, value, 8, int.MaxValue));
        Assert.Equal(CookbookReference.Tokens(CookbookReference.Cl100k, value), ChunkedTokenCounter.Count(CookbookReference.Cl100k, value, 8, int.MaxValue));
    }

    [Fact]
    public void Count_HardCutNextToSurrogatePair_NeverSplitsThePair()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 600));

        var uncut = CookbookReference.Tokens(CookbookReference.O200k, text);
        var cut = ChunkedTokenCounter.Count(CookbookReference.O200k, text, 16, 7);

        Assert.InRange(cut, uncut, uncut * 1.1);
    }

    [Fact]
    public void Count_Empty_ReturnsZero()
    {
        Assert.Equal(0, ChunkedTokenCounter.Count(CookbookReference.O200k, ReadOnlySpan<char>.Empty));
    }
}
