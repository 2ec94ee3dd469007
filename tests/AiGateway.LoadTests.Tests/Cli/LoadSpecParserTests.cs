namespace AiGateway.LoadTests.Tests;

public class LoadSpecParserTests
{
    [Theory]
    [InlineData("inject:1000/s:30s", LoadSimulationKind.Inject, 1000, 1000, 30)]
    [InlineData("inject:2.5/s:500ms", LoadSimulationKind.Inject, 2.5, 2.5, 0.5)]
    [InlineData("ramp-inject:0->1000/s:10s", LoadSimulationKind.RampingInject, 0, 1000, 10)]
    [InlineData("ramp-inject:10/s->20/s:1m", LoadSimulationKind.RampingInject, 10, 20, 60)]
    [InlineData("constant:64:30s", LoadSimulationKind.KeepConstant, 64, 64, 30)]
    [InlineData("ramp-constant:0->10000:60s", LoadSimulationKind.RampingConstant, 0, 10000, 60)]
    public void Parse_ValidSpec_Phase(string spec, LoadSimulationKind kind, double from, double to, double seconds)
    {
        var phase = LoadSpecParser.Parse(spec);

        Assert.Equal(kind, phase.Kind);
        Assert.Equal(from, phase.From);
        Assert.Equal(to, phase.To);
        Assert.Equal(TimeSpan.FromSeconds(seconds), phase.During);
    }

    [Theory]
    [InlineData("inject:1000:30s", "not a rate")]
    [InlineData("inject:1000/s", "three parts")]
    [InlineData("constant:6.5:30s", "not a copy count")]
    [InlineData("ramp-inject:1000/s:10s", "not a range")]
    [InlineData("burst:10/s:1s", "unknown kind")]
    [InlineData("inject:10/s:30", "not a duration")]
    [InlineData("inject:10/s:0s", "positive")]
    public void Parse_InvalidSpec_ExplainsWhatIsWrong(string spec, string expected)
    {
        var error = Assert.Throws<CliUsageException>(() => LoadSpecParser.Parse(spec));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_RoundTripsThroughParser()
    {
        foreach (var spec in new[] { "inject:1000/s:30s", "ramp-inject:0->1000/s:10s", "constant:64:30s", "ramp-constant:0->10000:500ms" })
        {
            Assert.Equal(spec, LoadSpecParser.Parse(spec).ToString());
        }
    }
}
