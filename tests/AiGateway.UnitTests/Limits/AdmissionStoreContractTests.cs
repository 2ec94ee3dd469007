using AiGateway.Limits;

namespace AiGateway.UnitTests.Limits;

/// <summary>
/// One behaviour, two stores: every admission store (embedded, Redis) must pass these. Times are never
/// asserted exactly (Redis uses its own clock); windows sliding with time are tested on the embedded store.
/// </summary>
public abstract class AdmissionStoreContractTests
{
    protected abstract IAdmissionStore CreateStore();

    private static AdmissionRequest Request(string team, long tokens, long tpm = 0, long rpm = 0, string token = "tok_a", long tokenTpm = 0, long tokenRpm = 0) =>
        new(team, token, new LimitSpec(tpm, rpm), new LimitSpec(tokenTpm, tokenRpm), tokens);

    [Fact]
    public async Task Admit_UnderLimits_ReservesAndReportsRemaining()
    {
        var store = CreateStore();

        var first = await store.AdmitAsync(Request("t1", 100, tpm: 1000, rpm: 10), default);
        var second = await store.AdmitAsync(Request("t1", 250, tpm: 1000, rpm: 10), default);

        Assert.True(first.Admitted && second.Admitted);
        Assert.Equal(100, first.Reservation.Tokens);
        Assert.Equal((1000, 650), (second.State.TokenLimit, second.State.TokensRemaining));
        Assert.Equal((10, 8), (second.State.RequestLimit, second.State.RequestsRemaining));
        Assert.InRange(second.State.TokensResetMs, 1, 61_000);
    }

    [Fact]
    public async Task Admit_TokensWouldExceedTpm_RefusedOnTokensWithRetryAfterInsideTheWindow()
    {
        var store = CreateStore();
        await store.AdmitAsync(Request("t2", 900, tpm: 1000), default);

        var refused = await store.AdmitAsync(Request("t2", 200, tpm: 1000), default);
        var fits = await store.AdmitAsync(Request("t2", 100, tpm: 1000), default);

        Assert.False(refused.Admitted);
        Assert.Equal(LimitDimension.Tokens, refused.Rejected);
        Assert.InRange(refused.RetryAfterMs, 1, 61_000);
        Assert.True(fits.Admitted);
        Assert.Equal(0, fits.State.TokensRemaining);
    }

    [Fact]
    public async Task Admit_RequestsOverRpm_RefusedOnRequests()
    {
        var store = CreateStore();
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await store.AdmitAsync(Request("t3", 1, rpm: 3), default)).Admitted);
        }

        var refused = await store.AdmitAsync(Request("t3", 1, rpm: 3), default);

        Assert.Equal(LimitDimension.Requests, refused.Rejected);
        Assert.InRange(refused.RetryAfterMs, 1, 61_000);
    }

    [Fact]
    public async Task Admit_SingleRequestLargerThanTpm_RefusedAsTooLargeEvenWhenIdle()
    {
        var store = CreateStore();

        var refused = await store.AdmitAsync(Request("t4", 5000, tpm: 4000), default);
        var small = await store.AdmitAsync(Request("t4", 10, tpm: 4000), default);

        Assert.Equal(LimitDimension.TokensTooLarge, refused.Rejected);
        Assert.True(small.Admitted);
        Assert.Equal(3990, small.State.TokensRemaining);
    }

    [Fact]
    public async Task Admit_TokenLimitTighterThanTeam_OnlyThatTokenIsRefused()
    {
        var store = CreateStore();
        await store.AdmitAsync(Request("t5", 500, tpm: 10_000, token: "tok_small", tokenTpm: 600), default);

        var sameToken = await store.AdmitAsync(Request("t5", 200, tpm: 10_000, token: "tok_small", tokenTpm: 600), default);
        var otherToken = await store.AdmitAsync(Request("t5", 200, tpm: 10_000, token: "tok_other"), default);

        Assert.Equal(LimitDimension.Tokens, sameToken.Rejected);
        Assert.Equal((600, 100), (sameToken.State.TokenLimit, sameToken.State.TokensRemaining));
        Assert.True(otherToken.Admitted);
        Assert.Equal(10_000 - 700, otherToken.State.TokensRemaining);
    }

    [Fact]
    public async Task Admit_OneTeamAtItsLimit_DoesNotThrottleAnotherTeam()
    {
        var store = CreateStore();
        await store.AdmitAsync(Request("flooder", 1000, tpm: 1000), default);

        var flooded = await store.AdmitAsync(Request("flooder", 1, tpm: 1000), default);
        var quiet = await store.AdmitAsync(Request("quiet", 999, tpm: 1000), default);

        Assert.False(flooded.Admitted);
        Assert.True(quiet.Admitted);
    }

    [Fact]
    public async Task Reconcile_ActualBelowEstimate_FreesTheDifference()
    {
        var store = CreateStore();
        var admitted = await store.AdmitAsync(Request("t6", 800, tpm: 1000), default);
        var before = await store.AdmitAsync(Request("t6", 300, tpm: 1000), default);

        await store.ReconcileAsync(admitted.Reservation, 100, default);
        var after = await store.AdmitAsync(Request("t6", 300, tpm: 1000), default);

        Assert.False(before.Admitted);
        Assert.True(after.Admitted);
        Assert.Equal(1000 - 100 - 300, after.State.TokensRemaining);
    }

    [Fact]
    public async Task Reconcile_ActualAboveEstimate_CountsTheExtra()
    {
        var store = CreateStore();
        var admitted = await store.AdmitAsync(Request("t7", 100, tpm: 1000, token: "tok_r", tokenTpm: 1000), default);

        await store.ReconcileAsync(admitted.Reservation, 700, default);
        var next = await store.AdmitAsync(Request("t7", 1, tpm: 1000, token: "tok_r", tokenTpm: 1000), default);

        Assert.Equal(1000 - 700 - 1, next.State.TokensRemaining);
    }

    [Fact]
    public async Task Admit_ManyConcurrentRequests_NeverOverAdmits()
    {
        var store = CreateStore();

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
            await store.AdmitAsync(Request("t8", 10, tpm: 1000), default))));

        Assert.Equal(100, results.Count(r => r.Admitted));
        Assert.All(results.Where(r => !r.Admitted), r => Assert.Equal(LimitDimension.Tokens, r.Rejected));
    }

    [Fact]
    public async Task Admit_NoLimits_AlwaysAdmitsHugeRequests()
    {
        var store = CreateStore();

        var result = await store.AdmitAsync(Request("t9", int.MaxValue), default);

        Assert.True(result.Admitted);
        Assert.Equal(0, result.State.TokenLimit);
    }

    [Fact]
    public async Task Admit_LargeLimits_ArithmeticStaysExact()
    {
        var store = CreateStore();
        const long limit = 1L << 40;

        await store.AdmitAsync(Request("t10", int.MaxValue, tpm: limit), default);
        var second = await store.AdmitAsync(Request("t10", int.MaxValue, tpm: limit), default);

        Assert.Equal(limit - 2L * int.MaxValue, second.State.TokensRemaining);
    }
}
