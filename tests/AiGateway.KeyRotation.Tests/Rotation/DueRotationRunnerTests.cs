using AiGateway.KeyRotation.Cli;
using AiGateway.KeyRotation.Rotation;
using AiGateway.KeyRotation.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiGateway.KeyRotation.Tests.Rotation;

/// <summary><c>rotate --due</c> against the Vault double and the simulator; "now" comes from a fake clock.</summary>
public sealed class DueRotationRunnerTests : IAsyncLifetime
{
    private RotationTestEnvironment _env = null!;

    public async Task InitializeAsync() => _env = await RotationTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task RunAsync_OneDueOneFresh_RotatesOnlyTheDueOne()
    {
        var now = DateTimeOffset.UtcNow;
        var time = new FakeTimeProvider(now);
        var due = await _env.SeedAsync("analytics", new Dictionary<string, string> { ["owner"] = "analytics", ["rotated_at"] = RotationMetadata.FormatTime(now.AddDays(-100)) });
        var fresh = await _env.SeedAsync("rag-production");
        var longLived = await _env.SeedAsync("customer-service", new Dictionary<string, string> { ["rotated_at"] = RotationMetadata.FormatTime(now.AddDays(-100)), ["max_age_days"] = "180" });
        var runner = Runner(time);

        var report = await runner.RunAsync(new RotationRequest(false, TimeSpan.Zero), null, CancellationToken.None);

        Assert.Null(report.Error);
        Assert.Equal(ExitCodes.Ok, ExitCodes.For(report));
        Assert.Equal(["analytics", "customer-service", "rag-production"], report.Entries.Select(e => e.Service));
        var rotated = Assert.Single(report.Rotations);
        Assert.Equal("analytics", rotated.Service);
        Assert.Equal(RotationOutcome.Rotated, rotated.Outcome);

        Assert.Equal(due.Version + 1, (await _env.CurrentSecretAsync("analytics")).Version);
        Assert.False(_env.Simulator.Keys.IsActive(due.ApiKey));
        Assert.Equal(fresh.Version, (await _env.CurrentSecretAsync("rag-production")).Version);
        Assert.True(_env.Simulator.Keys.IsActive(fresh.ApiKey));
        Assert.Equal(longLived.Version, (await _env.CurrentSecretAsync("customer-service")).Version);
        Assert.True(_env.Simulator.Keys.IsActive(longLived.ApiKey));

        var freshEntry = report.Entries.Single(e => e.Service == "rag-production");
        Assert.False(freshEntry.WasDue);
        Assert.Equal(KeyAgeSource.VersionCreated, freshEntry.Age!.Source);
        var longEntry = report.Entries.Single(e => e.Service == "customer-service");
        Assert.Equal(180, longEntry.Age!.MaxAgeDays);
        Assert.False(longEntry.WasDue);
    }

    [Fact]
    public async Task RunAsync_DueServiceFailsToRotate_OthersStillRunAndExitIsNonZero()
    {
        var now = DateTimeOffset.UtcNow;
        var old = new Dictionary<string, string> { ["rotated_at"] = RotationMetadata.FormatTime(now.AddDays(-95)) };
        await _env.SeedAsync("analytics", old, keyId: "key_never_issued_by_provider");
        var healthy = await _env.SeedAsync("rag-production", old);

        var report = await Runner(new FakeTimeProvider(now)).RunAsync(new RotationRequest(false, TimeSpan.Zero), null, CancellationToken.None);

        Assert.Equal(2, report.Rotations.Count());
        Assert.Equal(RotationOutcome.Partial, report.Rotations.Single(r => r.Service == "analytics").Outcome);
        Assert.Equal(RotationOutcome.Rotated, report.Rotations.Single(r => r.Service == "rag-production").Outcome);
        Assert.False(_env.Simulator.Keys.IsActive(healthy.ApiKey));
        Assert.Equal(ExitCodes.Partial, ExitCodes.For(report));
    }

    [Fact]
    public async Task RunAsync_DryRun_ReportsDueServicesAndChangesNothing()
    {
        var now = DateTimeOffset.UtcNow;
        var due = await _env.SeedAsync("analytics", new Dictionary<string, string> { ["rotated_at"] = RotationMetadata.FormatTime(now.AddDays(-91)) });

        var report = await Runner(new FakeTimeProvider(now)).RunAsync(new RotationRequest(true, TimeSpan.FromSeconds(180)), null, CancellationToken.None);

        Assert.Equal(RotationOutcome.DryRun, Assert.Single(report.Rotations).Outcome);
        Assert.Equal(due.Version, (await _env.CurrentSecretAsync("analytics")).Version);
        Assert.True(_env.Simulator.Keys.IsActive(due.ApiKey));
    }

    [Fact]
    public async Task RunAsync_NoSecrets_NothingToDo()
    {
        var report = await Runner(new FakeTimeProvider(DateTimeOffset.UtcNow)).RunAsync(new RotationRequest(false, TimeSpan.Zero), null, CancellationToken.None);

        Assert.Null(report.Error);
        Assert.Empty(report.Entries);
        Assert.Equal(ExitCodes.Ok, ExitCodes.For(report));
    }

    private DueRotationRunner Runner(TimeProvider time)
    {
        var vault = _env.ConnectAsRotationTool();
        var options = new RotationOptions { Actor = "rotation-test", DefaultMaxAgeDays = 90 };
        return new DueRotationRunner(new KeyInventory(vault, options, time), _env.Rotator(vault, time), NullLogger<DueRotationRunner>.Instance);
    }
}
