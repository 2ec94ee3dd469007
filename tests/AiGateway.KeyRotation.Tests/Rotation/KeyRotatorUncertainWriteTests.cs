using AiGateway.Keys.Vault;
using AiGateway.KeyRotation.Cli;
using AiGateway.KeyRotation.Rotation;
using AiGateway.KeyRotation.Tests.Infrastructure;

namespace AiGateway.KeyRotation.Tests.Rotation;

/// <summary>
/// A Vault write that fails without a 4xx may still have landed. Revoking the new key then would cut off every
/// gateway replica, so the rotator reads the secret back before it undoes anything.
/// </summary>
public sealed class KeyRotatorUncertainWriteTests : IAsyncLifetime
{
    private static readonly RotationRequest NoGrace = new(false, TimeSpan.Zero);

    private RotationTestEnvironment _env = null!;

    public async Task InitializeAsync() => _env = await RotationTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task RotateAsync_AnswerLostAfterVaultCommitted_CarriesOnAsWritten()
    {
        var seeded = await _env.SeedAsync("rag-production");
        var vault = new InterceptingVaultClient(_env.ConnectAsRotationTool());
        vault.AfterWrite = path =>
        {
            if (path == seeded.Path)
            {
                vault.AfterWrite = null;
                throw new VaultException(0, "POST", "holysheepai/data/" + path, ["timed out"]);
            }
        };

        var result = await _env.Rotator(vault).RotateAsync("rag-production", NoGrace, null, CancellationToken.None);

        Assert.Equal(RotationOutcome.Rotated, result.Outcome);
        var secret = await _env.CurrentSecretAsync("rag-production");
        Assert.Equal(result.NewKeyId, secret.Data["key_id"]);
        Assert.Equal(secret.Version, result.NewVersion);
        Assert.True(_env.Simulator.Keys.IsActive(secret.Data["api_key"]));
        Assert.False(_env.Simulator.Keys.IsActive(seeded.ApiKey));
    }

    [Fact]
    public async Task RotateAsync_ServerErrorAndReadBackShowsOldKey_RollsBack()
    {
        var seeded = await _env.SeedAsync("rag-production");
        var vault = new InterceptingVaultClient(_env.ConnectAsRotationTool());
        vault.BeforeWrite = path =>
        {
            if (path == seeded.Path)
            {
                vault.BeforeWrite = null;
                _env.Vault.Faults.FailNext(1, 500);
            }
        };

        var result = await _env.Rotator(vault).RotateAsync("rag-production", NoGrace, null, CancellationToken.None);

        Assert.Equal(RotationOutcome.RolledBack, result.Outcome);
        Assert.True(_env.IsRevoked(result.NewKeyId!));
        Assert.True(_env.Simulator.Keys.IsActive(seeded.ApiKey));
        Assert.Equal(seeded.Version, (await _env.CurrentSecretAsync("rag-production")).Version);
    }

    [Fact]
    public async Task RotateAsync_VaultGoneDuringWrite_KeepsNewKeyLiveAndReportsPartial()
    {
        var seeded = await _env.SeedAsync("rag-production");
        var vault = new InterceptingVaultClient(_env.ConnectAsRotationTool());
        vault.BeforeWrite = path =>
        {
            if (path == seeded.Path)
            {
                vault.BeforeWrite = null;
                _env.Vault.Faults.Unreachable = true;
            }
        };

        var result = await _env.Rotator(vault).RotateAsync("rag-production", NoGrace, null, CancellationToken.None);
        _env.Vault.Faults.Unreachable = false;

        Assert.Equal(RotationOutcome.Partial, result.Outcome);
        Assert.Equal(ExitCodes.Partial, ExitCodes.For(result.Outcome));
        Assert.Contains(result.Problems, p => p.Contains($"The new key {result.NewKeyId} was NOT revoked", StringComparison.Ordinal));
        Assert.False(_env.IsRevoked(result.NewKeyId!));
        Assert.True(_env.Simulator.Keys.IsActive(seeded.ApiKey));
        Assert.Equal(seeded.Version, (await _env.CurrentSecretAsync("rag-production")).Version);
    }
}
