using AiGateway.Keys.Vault;

namespace AiGateway.KeyRotation.Rotation;

/// <summary>
/// Steps 4, 5 and the revocation record: custom metadata and audit records. They run after the Vault write, so
/// a failure is reported (outcome <see cref="RotationOutcome.Partial"/>, exit 3) but never stops the rotation:
/// stopping would leave the old key live with nobody to revoke it. They use no cancellation token for the same
/// reason; the Vault client's per-call timeout bounds them.
/// </summary>
internal sealed partial class KeyRotator
{
    private async Task WriteMetadataAsync(RotationRun run, KvSecret current)
    {
        try
        {
            var existing = await ReadCustomMetadataAsync(run.Path, current).ConfigureAwait(false);
            var map = RotationMetadata.AfterRotation(existing, run.NewKey!.Id, run.PreviousKeyId, run.RotatedAt!.Value, Actor, _options.DefaultMaxAgeDays);
            await _vault.WriteCustomMetadataAsync(run.Path, map, CancellationToken.None).ConfigureAwait(false);
            run.Step(RotationStage.WroteMetadata, $"metadata: rotated_at {map[SecretFields.RotatedAt]}, next_due {map[SecretFields.NextDue]}, rotated_by {Actor}");
        }
        catch (Exception ex)
        {
            var reason = Describe(ex);
            Log.MetadataWriteFailed(_logger, run.Service, reason);
            run.Problem($"the new key is in service but the custom metadata of {run.Path} could not be updated ({reason}); " +
                $"status and --due still show the previous rotation. Set rotated_at={RotationMetadata.FormatTime(run.RotatedAt!.Value)} by hand.", needsHand: true);
        }
    }

    /// <summary>The freshest custom metadata (owner, max_age_days…) to keep; the copy read with the secret if the metadata endpoint is closed.</summary>
    private async Task<IReadOnlyDictionary<string, string>?> ReadCustomMetadataAsync(string path, KvSecret current)
    {
        try
        {
            if (await _vault.ReadMetadataAsync(path, CancellationToken.None).ConfigureAwait(false) is { } metadata)
            {
                return metadata.CustomMetadata;
            }
        }
        catch (VaultException ex) when (ex.IsPermissionDenied)
        {
            // A policy may allow writing metadata without reading it.
        }
        return current.CustomMetadata;
    }

    /// <summary>
    /// The rotation's audit record. <paramref name="countsAsProblem"/> is true after a successful write: a rotation
    /// without its audit record is reported as partial (exit 3) so the scheduler alerts. It is false after a
    /// rollback, which already fails with exit 2.
    /// </summary>
    private async Task WriteRotationAuditAsync(RotationRun run, string outcome, bool countsAsProblem)
    {
        var at = run.RotatedAt ?? _time.GetUtcNow();
        var detail = outcome == "rotated"
            ? $"new key in Vault; old key to be revoked after a {run.Request.Grace.TotalSeconds:0} s grace period (see the -revocation record)"
            : string.Join(" | ", run.Problems);
        var record = RotationAuditRecords.Rotation(run.Service, outcome, run.PreviousKeyId, run.NewKey?.Id, run.PreviousVersion, run.NewVersion,
            at, Actor, run.Request.Grace, detail);
        try
        {
            run.AuditPath = await _audit.WriteAsync(run.Service, at, null, record, CancellationToken.None).ConfigureAwait(false);
            Log.AuditWritten(_logger, run.Service, run.AuditPath, outcome);
            run.Step(RotationStage.WroteAudit, $"audit record {run.AuditPath} ({outcome})");
        }
        catch (Exception ex)
        {
            var reason = Describe(ex);
            Log.AuditWriteFailed(_logger, run.Service, SecretPaths.Audit(run.Service, at), reason);
            run.Problem($"the audit record {SecretPaths.Audit(run.Service, at)} could not be written ({reason})" +
                (countsAsProblem ? "; the rotation itself went through. Record it by hand from this output." : "."), countsAsProblem);
        }
    }

    private async Task WriteRevocationAuditAsync(RotationRun run, string outcome, string detail)
    {
        var at = run.RotatedAt ?? _time.GetUtcNow();
        var record = RotationAuditRecords.Revocation(run.Service, outcome, run.PreviousKeyId, run.AuditPath, _time.GetUtcNow(), Actor, detail);
        try
        {
            var path = await _audit.WriteAsync(run.Service, at, RotationAuditRecords.RevocationSuffix, record, CancellationToken.None).ConfigureAwait(false);
            Log.AuditWritten(_logger, run.Service, path, outcome);
            run.Step(RotationStage.WroteAudit, $"audit record {path} ({outcome})");
        }
        catch (Exception ex)
        {
            var reason = Describe(ex);
            var path = SecretPaths.Audit(run.Service, at) + RotationAuditRecords.RevocationSuffix;
            Log.AuditWriteFailed(_logger, run.Service, path, reason);
            run.Problem($"the audit record {path} (old key {outcome}) could not be written ({reason}). Record it by hand from this output.", needsHand: true);
        }
    }
}
