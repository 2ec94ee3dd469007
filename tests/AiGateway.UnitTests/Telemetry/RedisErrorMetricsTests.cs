using AiGateway.Auth;
using AiGateway.Limits;
using AiGateway.Storage.Redis;
using AiGateway.UnitTests.Auth.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiGateway.UnitTests.Telemetry;

/// <summary>Every Redis failure the gateway works around is counted, by operation, against a real redis-server that dies.</summary>
public sealed class RedisErrorMetricsTests : IAsyncLifetime
{
    private RedisServer _server = null!;

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static Dictionary<string, double> Errors(MeasurementRecorder recorder)
    {
        recorder.Observe();
        // Observable counters report running totals: the last measurement per operation is the current value.
        return recorder.Of("redis_errors_total")
            .GroupBy(m => m.Tags["operation"]!)
            .ToDictionary(g => g.Key, g => g.Last().Value);
    }

    [Fact]
    public async Task Admission_RedisKilled_FallbackAndFailedReconcileCounted()
    {
        using var meters = new TestMeterFactory();
        using var recorder = new MeasurementRecorder(meters);
        var metrics = new RedisMetrics(meters);
        var options = RedisServerFixture.NewOptions(_server);
        using var connection = new RedisConnection(options);
        var store = new ResilientAdmissionStore(new RedisAdmissionStore(connection), new EmbeddedAdmissionStore(new FakeTimeProvider(), local: true),
            options, metrics, NullLogger<ResilientAdmissionStore>.Instance);
        var request = new AdmissionRequest("rag", "tok_1", new LimitSpec(1000, 10), LimitSpec.Unlimited, 10);
        var admitted = await store.AdmitAsync(request, CancellationToken.None);
        Assert.False(admitted.Reservation.Local);
        Assert.Equal(0, Errors(recorder)["admission"]);

        await _server.KillAsync();
        var fallback = await store.AdmitAsync(request, CancellationToken.None);
        await store.ReconcileAsync(admitted.Reservation, 5, CancellationToken.None);

        Assert.True(fallback.Reservation.Local);
        var errors = Errors(recorder);
        Assert.Equal(1, errors["admission"]);
        Assert.Equal(1, errors["reconcile"]);
        Assert.Equal(0, errors["token_lookup"]);
    }

    [Fact]
    public async Task TokenLookup_RedisKilled_Counted()
    {
        using var harness = new RedisStoreHarness(RedisServerFixture.NewOptions(_server));
        using var recorder = new MeasurementRecorder(harness.Meters);
        var store = await harness.NewReplicaAsync();
        var unknown = harness.NewRecord("tok_never_added");

        await _server.KillAsync();
        await Assert.ThrowsAsync<TokenStoreUnavailableException>(async () => await store.FindByHashAsync(unknown.Hash, CancellationToken.None));
        await Assert.ThrowsAsync<TokenStoreUnavailableException>(() => store.ListAsync(null, CancellationToken.None));

        var errors = Errors(recorder);
        Assert.Equal(1, errors["token_lookup"]);
        Assert.Equal(1, errors["token_admin"]);
    }
}
