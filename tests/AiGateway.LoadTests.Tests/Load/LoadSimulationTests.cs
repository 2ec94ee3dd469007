namespace AiGateway.LoadTests.Tests;

public class LoadSimulationTests
{
    [Fact]
    public void RampingConstant_CopiesAt_InterpolatesLinearly()
    {
        var ramp = LoadSimulation.RampingConstant(0, 10_000, TimeSpan.FromSeconds(10));

        Assert.Equal(0, ramp.CopiesAt(TimeSpan.Zero));
        Assert.Equal(2_500, ramp.CopiesAt(TimeSpan.FromSeconds(2.5)));
        Assert.Equal(10_000, ramp.CopiesAt(TimeSpan.FromSeconds(11)));
    }

    [Fact]
    public void Truncate_CutsARampAtTheRateReachedThen()
    {
        var cut = LoadSimulation.RampingInject(0, 1000, TimeSpan.FromSeconds(10)).Truncate(TimeSpan.FromSeconds(2));

        Assert.Equal(LoadSimulationKind.RampingInject, cut.Kind);
        Assert.Equal(200, cut.To, 9);
        Assert.Equal(TimeSpan.FromSeconds(2), cut.During);
    }

    [Fact]
    public void Create_NegativeRateOrZeroDuration_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadSimulation.Inject(-1, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadSimulation.KeepConstant(4, TimeSpan.Zero));
    }

    [Fact]
    public void Options_Invalid_MessageNamesEverySetting()
    {
        var options = new LoadRunOptions { MaxInFlight = 0, ReportInterval = TimeSpan.Zero };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("MaxInFlight", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReportInterval", error.Message, StringComparison.Ordinal);
    }
}
