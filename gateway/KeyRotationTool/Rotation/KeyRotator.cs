using AiGateway.Keys.Vault;
using AiGateway.KeyRotation.Provider;
using Microsoft.Extensions.Logging;

namespace AiGateway.KeyRotation.Rotation;

/// <summary>
/// Rotates one service's upstream key: read the secret, create a provider key, write it to Vault with
/// check-and-set, record metadata and an audit record, wait the grace period, revoke the old key.
/// The invariant: exactly one provider key is in service, and any second live key is either revoked by the
/// tool or reported (outcome <see cref="RotationOutcome.Partial"/>) with what to revoke by hand.
/// </summary>
/// <remarks>
/// Steps before the Vault write change nothing that needs undoing. From the write on, no failure may stop the
/// run before the old key's fate is settled, which is why the later steps catch every exception: a crash there
/// would leave two live keys and nobody told.
/// </remarks>
internal sealed partial class KeyRotator
{
    private readonly IVaultClient _vault;
    private readonly IProviderKeyClient _provider;
    private readonly RotationAuditWriter _audit;
    private readonly TimeProvider _time;
    private readonly RotationOptions _options;
    private readonly ILogger _logger;

    public KeyRotator(IVaultClient vault, IProviderKeyClient provider, TimeProvider time, RotationOptions options, ILogger<KeyRotator> logger)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _vault = vault;
        _provider = provider;
        _audit = new RotationAuditWriter(vault);
        _time = time;
        _options = options;
        _logger = logger;
    }

    private string Actor => string.IsNullOrWhiteSpace(_options.Actor) ? Environment.UserName : _options.Actor;

    /// <summary>Rotates <paramref name="service"/> (a name under <c>creds/</c>, already normalised).</summary>
    public async Task<RotationResult> RotateAsync(string service, RotationRequest request, IProgress<RotationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new RotationRun(service, request, progress);

        var current = await ReadCurrentAsync(run, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Finish(run, RotationOutcome.Failed);
        }
        if (request.DryRun)
        {
            run.Step(RotationStage.ReadSecret,
                $"dry run: would create a provider key named '{service}', write it to {run.Path} with cas={run.PreviousVersion}, " +
                $"update metadata and audit, wait {request.Grace.TotalSeconds:0} s, then revoke {run.PreviousKeyId ?? "nothing (no key_id)"}");
            return Finish(run, RotationOutcome.DryRun);
        }
        if (!await CreateKeyAsync(run, cancellationToken).ConfigureAwait(false))
        {
            return Finish(run, RotationOutcome.Failed);
        }
        if (!await WriteNewKeyAsync(run, current, cancellationToken).ConfigureAwait(false))
        {
            var failed = run.NeedsHand ? RotationOutcome.Partial : RotationOutcome.RolledBack;
            await WriteRotationAuditAsync(run, failed == RotationOutcome.RolledBack ? "rolled-back" : "failed-needs-attention", countsAsProblem: false).ConfigureAwait(false);
            return Finish(run, failed);
        }

        // The new key is in service from here on.
        await WriteMetadataAsync(run, current).ConfigureAwait(false);
        await WriteRotationAuditAsync(run, "rotated", countsAsProblem: true).ConfigureAwait(false);
        if (await WaitForGraceAsync(run, cancellationToken).ConfigureAwait(false))
        {
            await RevokeOldKeyAsync(run, cancellationToken).ConfigureAwait(false);
        }
        return Finish(run, run.NeedsHand ? RotationOutcome.Partial : RotationOutcome.Rotated);
    }

    private async Task<KvSecret?> ReadCurrentAsync(RotationRun run, CancellationToken cancellationToken)
    {
        KvSecret? secret;
        try
        {
            secret = await _vault.ReadSecretAsync(run.Path, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Nothing has changed yet, so any failure (Vault down, denied, login impossible) just ends the run.
            var reason = Describe(ex);
            Log.SecretReadFailed(_logger, run.Service, reason);
            run.Problem($"could not read {run.Path}: {reason}. Nothing changed.", needsHand: false);
            return null;
        }
        if (secret is null)
        {
            Log.SecretMissing(_logger, run.Service);
            run.Problem($"no secret at {run.Path}: nothing to rotate. Store the service's first key by hand (see README.md). Nothing changed.", needsHand: false);
            return null;
        }
        run.PreviousVersion = secret.Version;
        run.PreviousKeyId = SecretFields.KeyIdOf(secret.Data);
        Log.RotationStarted(_logger, run.Service, secret.Version, run.PreviousKeyId ?? "(none)");
        run.Step(RotationStage.ReadSecret, $"read {run.Path} version {secret.Version} (key_id {run.PreviousKeyId ?? "none"})");
        return secret;
    }

    private async Task<bool> CreateKeyAsync(RotationRun run, CancellationToken cancellationToken)
    {
        try
        {
            run.NewKey = await _provider.CreateKeyAsync(run.Service, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var reason = Describe(ex);
            Log.ProviderKeyCreateFailed(_logger, run.Service, reason);
            var stray = ex is OperationCanceledException ? $" The request was cut short: check the provider's key list for a key named '{run.Service}'." : "";
            run.Problem($"the provider did not create a key: {reason}. Vault was not touched; the old key stays in service.{stray}", needsHand: false);
            return false;
        }
        Log.ProviderKeyCreated(_logger, run.Service, run.NewKey.Id);
        run.Step(RotationStage.CreatedKey, $"created provider key {run.NewKey.Id}");
        return true;
    }

    /// <summary>False when the grace period was interrupted: the old key then stays live and is reported.</summary>
    private async Task<bool> WaitForGraceAsync(RotationRun run, CancellationToken cancellationToken)
    {
        var grace = run.Request.Grace;
        // Start the timer before reporting, so a test that advances a fake clock on the report cannot run ahead of it.
        var wait = Task.Delay(grace, _time, cancellationToken);
        Log.GraceStarted(_logger, run.Service, grace.TotalSeconds);
        run.Step(RotationStage.WaitingForGrace, grace > TimeSpan.Zero
            ? $"waiting {grace.TotalSeconds:0} s so every gateway replica loads the new key before the old one is revoked"
            : "grace period 0 s: revoking the old key now (a replica still using it re-reads Vault on its first 401)");
        try
        {
            await wait.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            Log.GraceInterrupted(_logger, run.Service, run.PreviousKeyId ?? "(none)");
            if (run.PreviousKeyId is { } old)
            {
                run.Problem($"interrupted during the grace period: new key {run.NewKey!.Id} is in service, old key {old} is still live. " +
                    $"Revoke {old} by hand once every gateway replica has the new key.", needsHand: true);
            }
            await WriteRevocationAuditAsync(run, "not-revoked", "interrupted during the grace period").ConfigureAwait(false);
            return false;
        }
    }

    private async Task RevokeOldKeyAsync(RotationRun run, CancellationToken cancellationToken)
    {
        if (run.PreviousKeyId is not { } old || old == run.NewKey!.Id)
        {
            Log.NoOldKeyId(_logger, run.Service);
            run.Step(RotationStage.RevokedOldKey, "the previous secret named no provider key_id: nothing to revoke (if its key was issued by the provider, revoke it by hand)");
            await WriteRevocationAuditAsync(run, "skipped", "the previous secret named no key_id").ConfigureAwait(false);
            return;
        }
        try
        {
            await _provider.RevokeKeyAsync(old, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var reason = Describe(ex);
            Log.OldKeyRevokeFailed(_logger, run.Service, old, reason);
            run.Problem($"partial: new key {run.NewKey.Id} in service, old key {old} still live — revoke it by hand ({reason})", needsHand: true);
            await WriteRevocationAuditAsync(run, "revoke-failed", reason).ConfigureAwait(false);
            return;
        }
        run.OldKeyRevoked = true;
        Log.OldKeyRevoked(_logger, run.Service, old);
        run.Step(RotationStage.RevokedOldKey, $"revoked old provider key {old}");
        await WriteRevocationAuditAsync(run, "revoked", "").ConfigureAwait(false);
    }

    private RotationResult Finish(RotationRun run, RotationOutcome outcome)
    {
        Log.RotationFinished(_logger, run.Service, outcome, run.PreviousKeyId ?? "(none)", run.NewKey?.Id ?? "(none)", run.NewVersion ?? 0);
        return run.ToResult(outcome);
    }

    /// <summary>Exception text safe to show: Vault and provider messages never carry secrets (see their classes).</summary>
    private static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException => "cancelled",
        VaultException { IsCasMismatch: true } => "someone else wrote a new version first (check-and-set conflict)",
        _ => ex.Message,
    };
}
