using AiGateway.Spend;
using FsCheck;
using FsCheck.Xunit;

namespace AiGateway.UnitTests.Spend;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0.42", 420_000)]
    [InlineData("2.50", 2_500_000)]
    [InlineData("8", 8_000_000)]
    [InlineData("15.00", 15_000_000)]
    [InlineData("0.000001", 1)]
    [InlineData("0", 0)]
    [InlineData("0.4200000", 420_000)] // trailing zeros past six decimals are still exact
    [InlineData("1000000000", 1_000_000_000_000_000)]
    public void TryFromUsd_ExactAmount_ConvertsToMicros(string usd, long expected)
    {
        Assert.True(Money.TryFromUsd(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture), out var micros));
        Assert.Equal(expected, micros);
    }

    [Theory]
    [InlineData("0.0000001")] // finer than a micro-dollar
    [InlineData("0.4200001")]
    [InlineData("-0.01")]
    [InlineData("-1")]
    [InlineData("1000000000.000001")] // above the largest amount a policy may name
    [InlineData("79228162514264337593543950335")] // decimal.MaxValue
    [InlineData("1.0000000000000000000000000001")] // 28 decimals: scaling it by a million must not round it to 1.00
    [InlineData("0.0000000000000000000000000001")]
    public void TryFromUsd_InexactNegativeOrHuge_Refused(string usd)
    {
        Assert.False(Money.TryFromUsd(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture), out var micros));
        Assert.Equal(0, micros);
    }

    [Theory]
    [InlineData(0, "0.000000")]
    [InlineData(1, "0.000001")]
    [InlineData(8910, "0.008910")]
    [InlineData(1_000_000, "1.000000")]
    [InlineData(1_234_567_891, "1234.567891")]
    [InlineData(-8910, "-0.008910")]
    [InlineData(-1_234_567_891, "-1234.567891")]
    [InlineData(long.MaxValue, "9223372036854.775807")]
    [InlineData(long.MinValue, "-9223372036854.775808")]
    public void FormatUsd_SixDecimalsInvariant(long micros, string expected)
    {
        Assert.Equal(expected, Money.FormatUsd(micros));
    }

    [Theory]
    [InlineData(1_000_000, 0, 420_000, 420_000, 420_000)] // 1M input tokens of DeepSeek: exactly its price
    [InlineData(1_000, 1_000, 420_000, 420_000, 840)]
    [InlineData(1, 0, 420_000, 420_000, 1)] // 0.42 micros rounds up to 1
    [InlineData(0, 1, 1, 1, 1)] // a millionth of a micro-dollar still costs one
    [InlineData(1_234, 567, 8_000_000, 8_000_000, 14_408)] // 14_408.000 exact
    [InlineData(1_235, 0, 8_000_000, 8_000_000, 9_880)]
    [InlineData(123, 456, 2_500_000, 15_000_000, 7_148)] // 307.5 + 6840 = 7147.5 -> 7148
    [InlineData(0, 0, 8_000_000, 8_000_000, 0)]
    [InlineData(-5, -7, 8_000_000, 8_000_000, 0)] // negative counts are treated as none
    [InlineData(100, 0, 0, 8_000_000, 0)] // only the priced side counts
    public void Cost_RoundsUpToAWholeMicroDollar(long input, long output, long inputPrice, long outputPrice, long expected)
    {
        Assert.Equal(expected, Money.Cost(input, output, new ModelPrice(inputPrice, outputPrice)));
    }

    [Fact]
    public void Cost_Enormous_SaturatesInsteadOfOverflowing()
    {
        Assert.Equal(long.MaxValue, Money.Cost(long.MaxValue, long.MaxValue, new ModelPrice(long.MaxValue, long.MaxValue)));
    }

    private static ModelPrice Price(uint input, uint output) => new(input % 200_000_000, output % 200_000_000);

    [Property(MaxTest = 500)]
    public void Cost_OfASum_IsWithinOneMicroOfTheSumOfCosts(uint inA, uint outA, uint inB, uint outB, uint inPrice, uint outPrice)
    {
        var price = Price(inPrice, outPrice);
        var whole = Money.Cost((long)inA + inB, (long)outA + outB, price);
        var parts = Money.Cost(inA, outA, price) + Money.Cost(inB, outB, price);

        Assert.InRange(whole, parts - 1, parts);
    }

    [Property(MaxTest = 500)]
    public void Cost_IsMonotonicInTokens(uint input, uint output, ushort moreInput, ushort moreOutput, uint inPrice, uint outPrice)
    {
        var price = Price(inPrice, outPrice);

        Assert.True(Money.Cost(input, output, price) <= Money.Cost((long)input + moreInput, (long)output + moreOutput, price));
    }

    [Property(MaxTest = 500)]
    public void Cost_IsTheExactCeilingAndNeverFreeWhenSomethingIsPriced(uint input, uint output, uint inPrice, uint outPrice)
    {
        var price = Price(inPrice, outPrice);
        var exact = (System.Numerics.BigInteger)input * price.InputMicrosPerMillion + (System.Numerics.BigInteger)output * price.OutputMicrosPerMillion;

        var cost = Money.Cost(input, output, price);

        Assert.True(cost * (System.Numerics.BigInteger)1_000_000 >= exact, "rounded down");
        Assert.True((cost - 1) * (System.Numerics.BigInteger)1_000_000 < exact || cost == 0, "rounded up by more than one micro-dollar");
        Assert.Equal(exact > 0, cost > 0);
    }

    [Property(MaxTest = 300)]
    public void TryFromUsd_AnyAmountWithAtMostSixDecimals_RoundTripsThroughFormatUsd(uint dollars, NonNegativeInt fraction)
    {
        var micros = (long)(dollars % 1_000_000_000) * Money.MicrosPerDollar + fraction.Get % 1_000_000;
        var usd = decimal.Parse(Money.FormatUsd(micros), System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(Money.TryFromUsd(usd, out var back));
        Assert.Equal(micros, back);
        Assert.False(Money.TryFromUsd(usd + 0.0000001m, out _));
    }
}
