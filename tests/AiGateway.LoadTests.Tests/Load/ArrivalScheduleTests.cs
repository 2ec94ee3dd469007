namespace AiGateway.LoadTests.Tests;

public class ArrivalScheduleTests
{
    [Fact]
    public void ConstantRate_IntendedTimesAreIOverRate()
    {
        var schedule = new ArrivalSchedule(1000, 1000, 1);

        Assert.Equal(1000, schedule.Total);
        Assert.Equal(0, schedule.IntendedOffset(0));
        Assert.Equal(0.001, schedule.IntendedOffset(1), 12);
        Assert.Equal(0.999, schedule.IntendedOffset(999), 12);
    }

    [Theory]
    [InlineData(0, 1)]          // request 0 is due at once
    [InlineData(0.0009, 1)]
    [InlineData(0.0015, 2)]
    [InlineData(0.5, 501)]
    [InlineData(5, 1000)]       // never more than the phase's total
    public void ConstantRate_DueBy_CountsRequestsIntendedSoFar(double elapsed, long expected) =>
        Assert.Equal(expected, new ArrivalSchedule(1000, 1000, 1).DueBy(elapsed));

    [Fact]
    public void Ramp_TotalIsAreaUnderRate_AndTimesIncrease()
    {
        // 0 -> 1000/s over 10 s: N(t) = 50 t², so 5,000 requests and N(5 s) = 1,250.
        var schedule = new ArrivalSchedule(0, 1000, 10);

        Assert.Equal(5000, schedule.Total);
        Assert.Equal(1251, schedule.DueBy(5));
        Assert.Equal(5.0, schedule.IntendedOffset(1250), 9);
        var previous = -1.0;
        for (var i = 0; i < schedule.Total; i++)
        {
            var t = schedule.IntendedOffset(i);
            Assert.True(t > previous && t < 10, $"request {i} at {t}");
            previous = t;
        }
    }

    [Fact]
    public void RampDown_TimesStayInsidePhase()
    {
        var schedule = new ArrivalSchedule(1000, 0, 2);

        Assert.Equal(1000, schedule.Total);
        Assert.InRange(schedule.IntendedOffset(999), 1.9, 2.0);
    }

    [Fact]
    public void ZeroRate_SendsNothing()
    {
        var schedule = new ArrivalSchedule(0, 0, 5);

        Assert.Equal(0, schedule.Total);
        Assert.Equal(0, schedule.DueBy(3));
    }
}
