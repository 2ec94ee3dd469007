using AiGateway.Limits;
using Microsoft.Extensions.Time.Testing;

namespace AiGateway.UnitTests.Limits;

public sealed class EmbeddedAdmissionStoreContractTests : AdmissionStoreContractTests
{
    protected override IAdmissionStore CreateStore() => new EmbeddedAdmissionStore(new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T10:00:00.250Z", System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>Window movement with a controlled clock: what the contract cannot pin on Redis's own clock.</summary>
public sealed class EmbeddedAdmissionStoreWindowTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-27T10:00:00.000Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Admit_AfterTheWindowPasses_CapacityReturns()
    {
        var store = new EmbeddedAdmissionStore(_time);
        var limits = new LimitSpec(1000, 0);
        await store.AdmitAsync(new("t", "k", limits, LimitSpec.Unlimited, 1000), default);
        var refused = await store.AdmitAsync(new("t", "k", limits, LimitSpec.Unlimited, 1), default);

        _time.Advance(TimeSpan.FromMilliseconds(refused.RetryAfterMs - 1));
        var stillRefused = await store.AdmitAsync(new("t", "k", limits, LimitSpec.Unlimited, 1), default);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var admitted = await store.AdmitAsync(new("t", "k", limits, LimitSpec.Unlimited, 1), default);

        Assert.Equal(61_000, refused.RetryAfterMs);
        Assert.False(stillRefused.Admitted);
        Assert.True(admitted.Admitted);
    }

    [Fact]
    public async Task Admitted_InAnySixtySecondSpan_NeverExceedsTheLimit()
    {
        // Offer 50 tokens every 100 ms for three minutes against a 1,000 TPM limit, then check every span.
        var store = new EmbeddedAdmissionStore(_time);
        var limits = new LimitSpec(1000, 0);
        var admittedAt = new List<(long Ms, long Tokens)>();
        for (var step = 0; step < 1800; step++)
        {
            var result = await store.AdmitAsync(new("t", "k", limits, LimitSpec.Unlimited, 50), default);
            if (result.Admitted)
            {
                admittedAt.Add((_time.GetUtcNow().ToUnixTimeMilliseconds(), 50));
            }
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var worst = admittedAt.Max(a => admittedAt.Where(b => b.Ms >= a.Ms && b.Ms < a.Ms + 60_000).Sum(b => b.Tokens));
        Assert.InRange(worst, 950, 1000);
    }

    [Fact]
    public async Task Reconcile_AfterTheBucketLeftTheWindow_ChangesNothing()
    {
        var store = new EmbeddedAdmissionStore(_time);
        var limits = new LimitSpec(1000, 0);
        var old = await store.AdmitAsync(new("t", "k", limits, LimitSpec.Unlimited, 500), default);
        _time.Advance(TimeSpan.FromSeconds(61));

        await store.ReconcileAsync(old.Reservation, 5000, default);
        var next = await store.AdmitAsync(new("t", "k", limits, LimitSpec.Unlimited, 1000), default);

        Assert.True(next.Admitted);
    }
}
