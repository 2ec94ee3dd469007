using System.Diagnostics;

namespace AiGateway.VaultDouble.Tests;

/// <summary>Injected failures, latency and unreachability, for the gateway's Vault-outage tests.</summary>
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task FailNext_TwoRequests_FailWithStatusThenServe()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);
        vault.Faults.FailNext(2, 502);

        var first = await client.GetAsync("v1/auth/token/lookup-self", vault.RootToken);
        var second = await client.PostAsync("v1/auth/approle/login", null, "{}");
        var third = await client.GetAsync("v1/auth/token/lookup-self", vault.RootToken);

        Assert.Equal(502, first.Code);
        Assert.Equal("""{"errors":["injected failure"]}""", first.Body);
        Assert.Equal("application/json", first.ContentType);
        Assert.Equal(502, second.Code);
        Assert.Equal(200, third.Code);
    }

    [Fact]
    public async Task FailNext_HealthRequests_NeitherFailNorConsumeFailures()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);
        vault.Faults.FailNext(1);

        var health = await client.GetAsync("v1//sys/health");
        var call = await client.GetAsync("v1/auth/token/lookup-self", vault.RootToken);

        Assert.Equal(200, health.Code);
        Assert.Equal(500, call.Code);
    }

    [Fact]
    public async Task FailNext_Zero_CancelsPendingFailures()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);
        vault.Faults.FailNext(5);

        vault.Faults.FailNext(0);
        var reply = await client.GetAsync("v1/auth/token/lookup-self", vault.RootToken);

        Assert.Equal(200, reply.Code);
    }

    [Theory]
    [InlineData(-1, 500)]
    [InlineData(1, 200)]
    [InlineData(1, 600)]
    public void FailNext_InvalidArguments_Throw(int count, int status)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VaultFaults().FailNext(count, status));
    }

    [Fact]
    public async Task Unreachable_AnyRequest_ConnectionAbortedButRecorded()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);
        vault.Faults.Unreachable = true;

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("v1/sys/health"));
        vault.Faults.Unreachable = false;
        var recovered = await client.GetAsync("v1/sys/health");

        Assert.Equal(200, recovered.Code);
        Assert.Equal(2, vault.Requests.Count);
    }

    [Fact]
    public async Task Latency_LongerThanClientTimeout_ClientTimesOut()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        vault.Faults.Latency = TimeSpan.FromSeconds(2);
        using var http = new HttpClient { BaseAddress = vault.Address, Timeout = TimeSpan.FromMilliseconds(100) };

        var started = Stopwatch.GetTimestamp();
        await Assert.ThrowsAsync<TaskCanceledException>(() => http.GetAsync("v1/sys/health"));

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(2), "the client gave up before the double answered");
    }

    [Fact]
    public async Task Latency_Small_DelaysTheAnswer()
    {
        await using var vault = await VaultTestDouble.StartAsync();
        using var client = new VaultTestClient(vault);
        vault.Faults.Latency = TimeSpan.FromMilliseconds(60);

        var started = Stopwatch.GetTimestamp();
        var reply = await client.GetAsync("v1/sys/health");

        Assert.Equal(200, reply.Code);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(60));
    }
}
