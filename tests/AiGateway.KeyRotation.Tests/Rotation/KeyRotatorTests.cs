using System.Globalization;
using System.Net;
using AiGateway.KeyRotation.Cli;
using AiGateway.KeyRotation.Rotation;
using AiGateway.KeyRotation.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AiGateway.KeyRotation.Tests.Rotation;

/// <summary>
/// <see cref="KeyRotator"/> against the Vault double (shipped policies, AppRole <c>aigateway-rotation</c>) and the
/// upstream simulator, both over HTTP.
/// </summary>
public sealed class KeyRotatorTests : IAsyncLifetime
{
    private static readonly RotationRequest NoGrace = new(DryRun: false, Grace: TimeSpan.Zero);

    private RotationTestEnvironment _env = null!;

    public async Task InitializeAsync() => _env = await RotationTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task RotateAsync_HappyPath_NewKeyInVaultOldKeyRevokedMetadataAndAuditWritten()
    {
        var seeded = await _env.SeedAsync("rag-production", new Dictionary<string, string> { ["owner"] = "rag", ["max_age_days"] = "30" });
        var now = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var rotator = _env.Rotator(_env.ConnectAsRotationTool(), new FakeTimeProvider(now));

        var result = await rotator.RotateAsync("rag-production", NoGrace, null, CancellationToken.None);

        Assert.Equal(RotationOutcome.Rotated, result.Outcome);
        Assert.Equal(ExitCodes.Ok, ExitCodes.For(result.Outcome));
        Assert.Empty(result.Problems);
        Assert.Equal(seeded.KeyId, result.PreviousKeyId);
        Assert.True(result.OldKeyRevoked);

        var secret = await _env.CurrentSecretAsync("rag-production");
        Assert.Equal(seeded.Version + 1, secret.Version);
        Assert.Equal(result.NewVersion, secret.Version);
        Assert.Equal(result.NewKeyId, secret.Data["key_id"]);
        var newKey = secret.Data["api_key"];
        Assert.NotEqual(seeded.ApiKey, newKey);

        Assert.True(_env.Simulator.Keys.IsActive(newKey));
        Assert.Equal(result.NewKeyId, _env.Simulator.Keys.FindId(newKey));
        Assert.False(_env.Simulator.Keys.IsActive(seeded.ApiKey));
        Assert.True(_env.IsRevoked(seeded.KeyId));
        Assert.Equal(HttpStatusCode.OK, await _env.CallUpstreamAsync(newKey));
        Assert.Equal(HttpStatusCode.Unauthorized, await _env.CallUpstreamAsync(seeded.ApiKey));

        var metadata = (await _env.Root.ReadMetadataAsync("creds/rag-production", CancellationToken.None))!.CustomMetadata;
        Assert.Equal("rag", metadata["owner"]);
        Assert.Equal("30", metadata["max_age_days"]);
        Assert.Equal(result.NewKeyId, metadata["key_id"]);
        Assert.Equal(seeded.KeyId, metadata["previous_key_id"]);
        Assert.Equal("2031-05-06T07:08:09Z", metadata["rotated_at"]);
        Assert.Equal("rotation-test", metadata["rotated_by"]);
        Assert.Equal("2031-06-05T07:08:09Z", metadata["next_due"]);

        Assert.Equal("audit/rag-production/20310506T070809Z", result.AuditPath);
        var audit = (await _env.Root.ReadSecretAsync(result.AuditPath!, null, CancellationToken.None))!;
        Assert.Equal(1, audit.Version);
        Assert.Equal("rotated", audit.Data["outcome"]);
        Assert.Equal(seeded.KeyId, audit.Data["previous_key_id"]);
        Assert.Equal(result.NewKeyId, audit.Data["new_key_id"]);
        Assert.Equal(secret.Version.ToString(CultureInfo.InvariantCulture), audit.Data["vault_version"]);
        Assert.Equal("2031-05-06T07:08:09Z", audit.Data["rotated_at"]);
        Assert.Equal("rotation-test", audit.Data["rotated_by"]);
        Assert.Equal("0", audit.Data["grace_seconds"]);
        var revocation = (await _env.Root.ReadSecretAsync(result.AuditPath + "-revocation", null, CancellationToken.None))!;
        Assert.Equal("revoked", revocation.Data["outcome"]);
        Assert.Equal(seeded.KeyId, revocation.Data["key_id"]);
        Assert.DoesNotContain(audit.Data.Values.Concat(revocation.Data.Values), v => v.Contains(newKey, StringComparison.Ordinal) || v.Contains(seeded.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RotateAsync_ServiceGivenWithCredsPrefixAndOtherFields_KeepsOtherFields()
    {
        _env.Simulator.Keys.Add("sk-sim-org-seed-0123456789", "analytics");
        var id = _env.Simulator.Keys.FindId("sk-sim-org-seed-0123456789")!;
        _env.Vault.WriteSecret(RotationTestEnvironment.Mount, "creds/analytics",
            new Dictionary<string, string> { ["api_key"] = "sk-sim-org-seed-0123456789", ["key_id"] = id, ["org"] = "org-analytics" });
        Assert.True(SecretPaths.TryNormalizeService("creds/analytics", out var service, out _));

        var result = await _env.Rotator(_env.ConnectAsRotationTool()).RotateAsync(service, NoGrace, null, CancellationToken.None);

        Assert.Equal(RotationOutcome.Rotated, result.Outcome);
        var secret = await _env.CurrentSecretAsync("analytics");
        Assert.Equal("org-analytics", secret.Data["org"]);
        Assert.Equal(result.NewKeyId, secret.Data["key_id"]);
    }

    [Fact]
    public async Task RotateAsync_SomeoneElseWritesBetweenReadAndWrite_RollsBackAndKeepsTheirValue()
    {
        var seeded = await _env.SeedAsync("rag-production");
        var theirKey = "sk-sim-other-writer-0123456789abcdef";
        var theirId = _env.Simulator.Keys.Add(theirKey, "other-writer");
        var vault = new InterceptingVaultClient(_env.ConnectAsRotationTool());
        vault.BeforeWrite = path =>
        {
            if (path == "creds/rag-production")
            {
                vault.BeforeWrite = null;
                _env.Vault.WriteSecret(RotationTestEnvironment.Mount, path, new Dictionary<string, string> { ["api_key"] = theirKey, ["key_id"] = theirId });
            }
        };

        var result = await _env.Rotator(vault).RotateAsync("rag-production", NoGrace, null, CancellationToken.None);

        Assert.Equal(RotationOutcome.RolledBack, result.Outcome);
        Assert.Equal(ExitCodes.Failed, ExitCodes.For(result.Outcome));
        Assert.Contains(result.Problems, p => p.Contains("check-and-set", StringComparison.Ordinal));
        Assert.NotNull(result.NewKeyId);
        Assert.True(_env.IsRevoked(result.NewKeyId!));
        Assert.True(_env.Simulator.Keys.IsActive(seeded.ApiKey));
        var secret = await _env.CurrentSecretAsync("rag-production");
        Assert.Equal(seeded.Version + 1, secret.Version);
        Assert.Equal(theirKey, secret.Data["api_key"]);
        Assert.Equal(theirId, secret.Data["key_id"]);
        Assert.False(result.OldKeyRevoked);
    }

    [Fact]
    public async Task RotateAsync_TokenHasGatewayPolicyOnly_WriteDeniedAndRolledBack()
    {
        var seeded = await _env.SeedAsync("rag-production");

        var result = await _env.Rotator(_env.ConnectWithPolicies("gateway")).RotateAsync("rag-production", NoGrace, null, CancellationToken.None);

        Assert.Equal(RotationOutcome.RolledBack, result.Outcome);
        Assert.Equal(ExitCodes.Failed, ExitCodes.For(result.Outcome));
        Assert.Contains(result.Problems, p => p.Contains("403", StringComparison.Ordinal));
        Assert.True(_env.IsRevoked(result.NewKeyId!));
        Assert.True(_env.Simulator.Keys.IsActive(seeded.ApiKey));
        var secret = await _env.CurrentSecretAsync("rag-production");
        Assert.Equal(seeded.Version, secret.Version);
        Assert.Equal(seeded.ApiKey, secret.Data["api_key"]);
    }

    [Fact]
    public async Task RotateAsync_ProviderRejectsAdminKey_FailsWithVaultUntouched()
    {
        var seeded = await _env.SeedAsync("rag-production", new Dictionary<string, string> { ["owner"] = "rag" });
        var keysBefore = _env.Simulator.Keys.List().Count;
        var requestsBefore = _env.Vault.Requests.Count;
        var rotator = _env.Rotator(_env.ConnectAsRotationTool(), provider: _env.Provider("wrong-admin-key-0123456789"));

        var result = await rotator.RotateAsync("rag-production", NoGrace, null, CancellationToken.None);

        Assert.Equal(RotationOutcome.Failed, result.Outcome);
        Assert.Equal(ExitCodes.Failed, ExitCodes.For(result.Outcome));
        Assert.Contains(result.Problems, p => p.Contains("401", StringComparison.Ordinal));
        Assert.Null(result.NewKeyId);
        Assert.Equal(keysBefore, _env.Simulator.Keys.List().Count);
        Assert.True(_env.Simulator.Keys.IsActive(seeded.ApiKey));
        var secret = await _env.CurrentSecretAsync("rag-production");
        Assert.Equal(seeded.Version, secret.Version);
        Assert.Equal(seeded.ApiKey, secret.Data["api_key"]);
        var metadata = (await _env.Root.ReadMetadataAsync("creds/rag-production", CancellationToken.None))!.CustomMetadata;
        Assert.Equal(["owner"], metadata.Keys);
        Assert.Empty(await _env.Root.ListAsync("audit", CancellationToken.None));
        Assert.DoesNotContain(_env.Vault.Requests.Skip(requestsBefore), r => r.Method is "POST" or "PUT" && !r.Path.Contains("/auth/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RotateAsync_NoSecretForService_FailsWithoutCreatingAKey()
    {
        var keysBefore = _env.Simulator.Keys.List().Count;

        var result = await _env.Rotator(_env.ConnectAsRotationTool()).RotateAsync("no-such-service", NoGrace, null, CancellationToken.None);

        Assert.Equal(RotationOutcome.Failed, result.Outcome);
        Assert.Equal(ExitCodes.Failed, ExitCodes.For(result.Outcome));
        Assert.Contains(result.Problems, p => p.Contains("no secret at creds/no-such-service", StringComparison.Ordinal));
        Assert.Equal(keysBefore, _env.Simulator.Keys.List().Count);
    }

    [Fact]
    public async Task RotateAsync_AuditWriteFails_CompletesRotationButReportsPartial()
    {
        var seeded = await _env.SeedAsync("rag-production");
        var vault = new InterceptingVaultClient(_env.ConnectAsRotationTool());
        vault.BeforeWrite = path =>
        {
            if (path.StartsWith("audit/", StringComparison.Ordinal))
            {
                vault.BeforeWrite = null;
                _env.Vault.Faults.FailNext(1, 503);
            }
        };

        var result = await _env.Rotator(vault).RotateAsync("rag-production", NoGrace, null, CancellationToken.None);

        // Documented choice: the key rotation itself completes (new key in service, old key revoked), but a
        // rotation without its audit record exits 3 so the scheduler alerts and a human records it.
        Assert.Equal(RotationOutcome.Partial, result.Outcome);
        Assert.Equal(ExitCodes.Partial, ExitCodes.For(result.Outcome));
        Assert.Contains(result.Problems, p => p.Contains("audit record", StringComparison.Ordinal) && p.Contains("503", StringComparison.Ordinal));
        Assert.Null(result.AuditPath);
        Assert.True(result.OldKeyRevoked);
        Assert.True(_env.IsRevoked(seeded.KeyId));
        var secret = await _env.CurrentSecretAsync("rag-production");
        Assert.Equal(result.NewKeyId, secret.Data["key_id"]);
        Assert.True(_env.Simulator.Keys.IsActive(secret.Data["api_key"]));
        var records = await _env.Root.ListAsync("audit/rag-production", CancellationToken.None);
        Assert.Single(records);
        Assert.EndsWith("-revocation", records[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateAsync_OldKeyIdUnknownToProvider_ReportsPartialWithNewKeyInService()
    {
        var seeded = await _env.SeedAsync("rag-production", keyId: "key_never_issued_by_provider");

        var result = await _env.Rotator(_env.ConnectAsRotationTool()).RotateAsync("rag-production", NoGrace, null, CancellationToken.None);

        Assert.Equal(RotationOutcome.Partial, result.Outcome);
        Assert.Equal(ExitCodes.Partial, ExitCodes.For(result.Outcome));
        Assert.False(result.OldKeyRevoked);
        Assert.Contains(result.Problems, p => p.Contains("old key key_never_issued_by_provider still live", StringComparison.Ordinal) && p.Contains("404", StringComparison.Ordinal));
        var secret = await _env.CurrentSecretAsync("rag-production");
        Assert.Equal(result.NewKeyId, secret.Data["key_id"]);
        Assert.True(_env.Simulator.Keys.IsActive(secret.Data["api_key"]));
        Assert.True(_env.Simulator.Keys.IsActive(seeded.ApiKey));
        var revocation = (await _env.Root.ReadSecretAsync(result.AuditPath + "-revocation", null, CancellationToken.None))!;
        Assert.Equal("revoke-failed", revocation.Data["outcome"]);
        Assert.Equal("key_never_issued_by_provider", revocation.Data["key_id"]);
    }

    [Fact]
    public async Task RotateAsync_PlaceholderKeyIdFromBootstrap_RotatesWithoutRevoking()
    {
        await _env.SeedAsync("customer-service", keyId: "placeholder");

        var result = await _env.Rotator(_env.ConnectAsRotationTool()).RotateAsync("customer-service", NoGrace, null, CancellationToken.None);

        Assert.Equal(RotationOutcome.Rotated, result.Outcome);
        Assert.Null(result.PreviousKeyId);
        Assert.False(result.OldKeyRevoked);
        var revocation = (await _env.Root.ReadSecretAsync(result.AuditPath + "-revocation", null, CancellationToken.None))!;
        Assert.Equal("skipped", revocation.Data["outcome"]);
    }

    [Fact]
    public async Task RotateAsync_GracePeriod_OldKeyStaysLiveUntilTimeAdvancesPastIt()
    {
        var seeded = await _env.SeedAsync("rag-production");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var progress = new RecordingProgress();
        var rotator = _env.Rotator(_env.ConnectAsRotationTool(), time);

        var rotation = rotator.RotateAsync("rag-production", new RotationRequest(false, TimeSpan.FromSeconds(180)), progress, CancellationToken.None);
        await progress.Reached(RotationStage.WaitingForGrace);

        var secret = await _env.CurrentSecretAsync("rag-production");
        Assert.NotEqual(seeded.ApiKey, secret.Data["api_key"]);
        Assert.True(_env.Simulator.Keys.IsActive(seeded.ApiKey));
        Assert.True(_env.Simulator.Keys.IsActive(secret.Data["api_key"]));
        time.Advance(TimeSpan.FromSeconds(179));
        Assert.False(rotation.IsCompleted);
        Assert.True(_env.Simulator.Keys.IsActive(seeded.ApiKey));

        time.Advance(TimeSpan.FromSeconds(2));
        var result = await rotation.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RotationOutcome.Rotated, result.Outcome);
        Assert.Equal(180, result.GraceSeconds);
        Assert.False(_env.Simulator.Keys.IsActive(seeded.ApiKey));
        Assert.True(_env.Simulator.Keys.IsActive(secret.Data["api_key"]));
    }

    [Fact]
    public async Task RotateAsync_CancelledDuringGrace_ReportsPartialAndLeavesOldKeyLive()
    {
        var seeded = await _env.SeedAsync("rag-production");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var progress = new RecordingProgress();
        using var cancel = new CancellationTokenSource();
        var rotator = _env.Rotator(_env.ConnectAsRotationTool(), time);

        var rotation = rotator.RotateAsync("rag-production", new RotationRequest(false, TimeSpan.FromSeconds(180)), progress, cancel.Token);
        await progress.Reached(RotationStage.WaitingForGrace);
        await cancel.CancelAsync();
        var result = await rotation.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RotationOutcome.Partial, result.Outcome);
        Assert.Contains(result.Problems, p => p.Contains($"old key {seeded.KeyId} is still live", StringComparison.Ordinal));
        Assert.True(_env.Simulator.Keys.IsActive(seeded.ApiKey));
        var secret = await _env.CurrentSecretAsync("rag-production");
        Assert.Equal(result.NewKeyId, secret.Data["key_id"]);
    }

    [Fact]
    public async Task RotateAsync_DryRun_ChangesNothing()
    {
        var seeded = await _env.SeedAsync("rag-production");
        var keysBefore = _env.Simulator.Keys.List().Count;

        var result = await _env.Rotator(_env.ConnectAsRotationTool()).RotateAsync("rag-production", new RotationRequest(true, TimeSpan.FromSeconds(180)), null, CancellationToken.None);

        Assert.Equal(RotationOutcome.DryRun, result.Outcome);
        Assert.Equal(ExitCodes.Ok, ExitCodes.For(result.Outcome));
        Assert.Contains(result.Steps, s => s.Contains($"cas={seeded.Version}", StringComparison.Ordinal) && s.Contains(seeded.KeyId, StringComparison.Ordinal));
        Assert.Equal(keysBefore, _env.Simulator.Keys.List().Count);
        Assert.Equal(seeded.Version, (await _env.CurrentSecretAsync("rag-production")).Version);
    }
}
