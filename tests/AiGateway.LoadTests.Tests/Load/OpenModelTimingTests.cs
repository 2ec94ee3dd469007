using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace AiGateway.LoadTests.Tests;

/// <summary>
/// The open model against a clock that moves only when the test says so: steps block until released, and the
/// test waits for "step started" signals, never for wall-clock time.
/// </summary>
public class OpenModelTimingTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task RunAsync_SchedulerLate_LatencyCountsFromIntendedTimeAndServiceTimeFromSend()
    {
        var harness = new GatedScenario();
        var clock = new FakeTimeProvider();

        // 1000/s for 10 ms: ten requests intended at t0 + 0, 1, …, 9 ms.
        var run = LoadRunner.RunAsync(harness.Scenario, [LoadSimulation.Inject(1000, 10 * Ms)], new LoadRunOptions { Clock = clock });
        await harness.WaitForStartsAsync(1);       // request 0 goes out at t0
        clock.Advance(30 * Ms);                    // the scheduler wakes 30 ms late: requests 1–9 go out together at t0 + 30 ms
        await harness.WaitForStartsAsync(9);
        clock.Advance(10 * Ms);                    // every response ends at t0 + 40 ms
        harness.Release();
        var result = await run;

        Assert.Equal(10, result.Requests);
        Assert.Equal(10, result.Ok);
        Assert.Equal(0, result.Dropped);

        // Latency = 40 ms − intended: 40, 39, …, 31 ms. Hiding the scheduler's delay would give 10 ms.
        Assert.Equal(10, result.Latency.Count);
        AssertMs(40, result.Latency.MaxMs);
        AssertMs(35.5, result.Latency.MeanMs);
        AssertMs(35, result.Latency.P50Ms);

        // Service time = 40 ms − actual send: 40 ms for request 0, 10 ms for the nine sent late.
        AssertMs(10, result.ServiceTime.P90Ms);
        AssertMs(40, result.ServiceTime.MaxMs);

        // Schedule lag = send − intended: 0 for request 0, then 29, 28, …, 21 ms.
        AssertMs(29, result.ScheduleLag!.MaxMs);
        AssertMs(24, result.ScheduleLag.P50Ms);

        // Measured window t0 … t0 + 40 ms.
        Assert.Equal(0.04, result.DurationSeconds, 6);
        Assert.Equal(250, result.Rps, 6);
    }

    [Fact]
    public async Task RunAsync_InFlightCapReached_ArrivalsAreDroppedAndCounted()
    {
        var harness = new GatedScenario();
        var clock = new FakeTimeProvider();
        var options = new LoadRunOptions { Clock = clock, MaxInFlight = 5 };

        var run = LoadRunner.RunAsync(harness.Scenario, [LoadSimulation.Inject(1000, 10 * Ms)], options);
        await harness.WaitForStartsAsync(1);
        clock.Advance(30 * Ms);                    // nine arrivals due at once, room for four
        await harness.WaitForStartsAsync(4);
        harness.Release();
        var result = await run;

        Assert.Equal(5, result.Requests);
        Assert.Equal(5, result.Ok);
        Assert.Equal(5, result.Dropped);
        Assert.Equal(5, result.PeakInFlight);
        Assert.Empty(result.ErrorsByClass);
    }

    [Fact]
    public async Task RunAsync_StepReportsFailuresAndCounters_GroupedInResult()
    {
        var clock = new FakeTimeProvider();
        var scenario = Scenario.Create("mixed", context => ValueTask.FromResult(
            (context.RequestNumber % 4) switch
            {
                0 => StepResult.Ok().WithCounter("cache_hit"),
                1 => StepResult.HttpError(429),
                2 => StepResult.Failed(StepOutcome.Transport),
                _ => throw new InvalidOperationException("bug in the step"),
            }));

        // 1000/s for 8 ms, and the clock jumps past the end at once: all eight go out in one batch.
        var run = LoadRunner.RunAsync(scenario, [LoadSimulation.Inject(1000, 8 * Ms)], new LoadRunOptions { Clock = clock });
        clock.Advance(20 * Ms);
        var result = await run;

        Assert.Equal(8, result.Requests);
        Assert.Equal(2, result.Ok);
        Assert.Equal(6, result.Errors);
        Assert.Equal(result.Requests, result.Ok + result.Errors);
        Assert.Equal(2, result.ErrorsByClass["429"]);
        Assert.Equal(2, result.ErrorsByClass[ErrorClasses.Transport]);
        Assert.Equal(2, result.ErrorsByClass[ErrorClasses.Exception]);
        Assert.Equal(2, result.Counters["cache_hit"]);
        Assert.Equal(2, result.StatusCodes["429"]);
    }

    private static void AssertMs(double expected, double actual) =>
        // HdrHistogram keeps 3 significant digits (0.1 %); results are rounded to the microsecond.
        Assert.InRange(actual, (expected * 0.999) - 0.001, (expected * 1.001) + 0.001);

    /// <summary>A scenario whose steps signal when they start and finish only when the test releases them.</summary>
    private sealed class GatedScenario
    {
        private readonly Channel<long> _starts = Channel.CreateUnbounded<long>();
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public GatedScenario() =>
            Scenario = LoadTests.Scenario.Create("gated", async context =>
            {
                _starts.Writer.TryWrite(context.RequestNumber);
                await _release.Task;
                return StepResult.Ok();
            });

        public Scenario Scenario { get; }

        public async Task WaitForStartsAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            for (var i = 0; i < count; i++)
            {
                await _starts.Reader.ReadAsync(timeout.Token);
            }
        }

        public void Release() => _release.SetResult();
    }
}
