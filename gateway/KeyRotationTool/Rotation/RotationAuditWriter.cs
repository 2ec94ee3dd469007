using AiGateway.Keys.Vault;

namespace AiGateway.KeyRotation.Rotation;

/// <summary>
/// Writes audit records to <c>audit/&lt;service&gt;/&lt;yyyyMMddTHHmmssZ&gt;</c> with check-and-set 0, so a record
/// is never overwritten (the key-rotation policy only needs <c>create</c> there).
/// </summary>
internal sealed class RotationAuditWriter
{
    // Two rotations of one service in the same second are rare; a couple of suffixes keep both records.
    private const int MaxAttempts = 3;

    private readonly IVaultClient _vault;

    public RotationAuditWriter(IVaultClient vault)
    {
        ArgumentNullException.ThrowIfNull(vault);
        _vault = vault;
    }

    /// <summary>Writes <paramref name="record"/> and returns its path; throws what the Vault client throws.</summary>
    public async Task<string> WriteAsync(string service, DateTimeOffset at, string? suffix, IReadOnlyDictionary<string, string> record, CancellationToken cancellationToken)
    {
        var basePath = SecretPaths.Audit(service, at) + suffix;
        for (var attempt = 1; ; attempt++)
        {
            var path = attempt == 1 ? basePath : $"{basePath}-{attempt}";
            try
            {
                await _vault.WriteSecretAsync(path, record, cas: 0, cancellationToken).ConfigureAwait(false);
                return path;
            }
            catch (VaultException ex) when (ex.IsCasMismatch && attempt < MaxAttempts)
            {
                // A record already exists at this path: never overwrite it, take the next suffix.
            }
        }
    }
}
