using AiGateway.Keys.Vault;
using AiGateway.KeyRotation.Provider;

namespace AiGateway.KeyRotation.Rotation;

/// <summary>Step 3: the check-and-set write of the new key, and undoing the provider key when it fails.</summary>
internal sealed partial class KeyRotator
{
    /// <summary>True when Vault holds the new key; false after a rollback (or when the outcome is unknown).</summary>
    private async Task<bool> WriteNewKeyAsync(RotationRun run, KvSecret current, CancellationToken cancellationToken)
    {
        var key = run.NewKey!;
        // Other fields of the secret (an org id, a region) stay; only the key and its id change.
        var data = new Dictionary<string, string>(current.Data, StringComparer.Ordinal)
        {
            [SecretFields.ApiKey] = key.Value,
            [SecretFields.KeyId] = key.Id,
        };
        run.RotatedAt = _time.GetUtcNow();
        Exception failure;
        try
        {
            run.NewVersion = await _vault.WriteSecretAsync(run.Path, data, cas: current.Version, cancellationToken).ConfigureAwait(false);
            OnWritten(run);
            return true;
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        // A 4xx (CAS conflict, permission denied, bad request, quota) is a refusal: nothing was written. Anything
        // else (timeout, 5xx, cancellation, an unreadable answer) may have been written before it failed, and
        // revoking a key that Vault now serves would cut every gateway replica off. So look before undoing.
        if (failure is not VaultException { StatusCode: >= 400 and < 500 })
        {
            var landed = await DidWriteLandAsync(run, key).ConfigureAwait(false);
            if (landed == true)
            {
                OnWritten(run);
                return true;
            }
            if (landed is null)
            {
                var why = Describe(failure);
                Log.WriteOutcomeUnknown(_logger, run.Service, key.Id, why);
                run.Problem($"writing {run.Path} failed ({why}) and Vault could not be read back, so it is unknown whether it holds the new key. " +
                    $"The new key {key.Id} was NOT revoked, because the gateway may already be using it. Check {run.Path}: if its key_id is {key.Id}, " +
                    $"revoke the old key {run.PreviousKeyId ?? "(none)"} by hand after the grace period; otherwise revoke {key.Id} by hand.", needsHand: true);
                return false;
            }
        }

        var reason = Describe(failure);
        Log.SecretWriteFailed(_logger, run.Service, key.Id, reason);
        run.Problem($"Vault did not take the new key: {reason}. The old key {run.PreviousKeyId ?? "(no key_id)"} stays in service.", needsHand: false);
        await RevokeUnusedKeyAsync(run, key).ConfigureAwait(false);
        return false;
    }

    private void OnWritten(RotationRun run)
    {
        Log.SecretWritten(_logger, run.Service, run.NewVersion ?? 0, run.NewKey!.Id);
        run.Step(RotationStage.WroteSecret, $"wrote {run.Path} version {run.NewVersion} (cas={run.PreviousVersion}) with key_id {run.NewKey.Id}");
    }

    /// <summary>True: Vault serves the new key; false: it does not; null: Vault cannot say.</summary>
    private async Task<bool?> DidWriteLandAsync(RotationRun run, ProviderKey key)
    {
        try
        {
            // Not the caller's token: a cancelled run must still find out what it left behind.
            var now = await _vault.ReadSecretAsync(run.Path, null, CancellationToken.None).ConfigureAwait(false);
            if (now is not null && now.Data.GetValueOrDefault(SecretFields.KeyId) == key.Id
                && string.Equals(now.Data.GetValueOrDefault(SecretFields.ApiKey), key.Value, StringComparison.Ordinal))
            {
                run.NewVersion = now.Version;
                return true;
            }
            return false;
        }
        catch (Exception)
        {
            return null;
        }
    }

    private async Task RevokeUnusedKeyAsync(RotationRun run, ProviderKey key)
    {
        try
        {
            // Not the caller's token: after Ctrl+C the stray key must still go; the HTTP timeout bounds the call.
            await _provider.RevokeKeyAsync(key.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var reason = Describe(ex);
            Log.RollbackFailed(_logger, run.Service, key.Id, reason);
            run.Problem($"could not revoke the unused new key {key.Id} ({reason}): it is live but stored nowhere. Revoke it by hand.", needsHand: true);
            return;
        }
        Log.NewKeyRevoked(_logger, run.Service, key.Id);
        run.Step(RotationStage.RolledBack, $"rolled back: revoked the unused new key {key.Id}; the old key stays in service");
    }
}
