using AiGateway.Auth;
using AiGateway.Storage;

namespace AiGateway.Admin;

/// <summary>
/// Admin credentials of the embedded default, kept in <c>admin-credentials.json</c> in the data folder.
/// Admin calls are rare, so a lock and a rewrite per change is plenty.
/// </summary>
internal sealed class AdminCredentialStore : IDisposable
{
    private readonly JsonRecordFile<AdminCredentialRecord> _file;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile List<AdminCredentialRecord> _records;

    public AdminCredentialStore(DataDirectory dataDirectory)
    {
        _file = new JsonRecordFile<AdminCredentialRecord>(dataDirectory.GetFilePath("admin-credentials.json"), AdminStoreJsonContext.Default.ListAdminCredentialRecord);
        _records = _file.Load();
    }

    public IReadOnlyList<AdminCredentialRecord> All => _records;

    public AdminCredentialRecord? FindActive(TokenHash hash)
    {
        foreach (var record in _records)
        {
            if (record.RevokedAt is null && TokenHasher.FixedTimeEquals(record.Hash, hash))
            {
                return record;
            }
        }
        return null;
    }

    public async Task AddAsync(AdminCredentialRecord record, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<AdminCredentialRecord> next = [.. _records, record];
            await _file.SaveAsync(next, CancellationToken.None).ConfigureAwait(false);
            _records = next;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<AdminCredentialRecord?> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _records.FirstOrDefault(r => r.Id == id);
            if (current is null)
            {
                return null;
            }
            var revoked = current with { RevokedAt = current.RevokedAt ?? at };
            var next = _records.Select(r => r.Id == id ? revoked : r).ToList();
            await _file.SaveAsync(next, CancellationToken.None).ConfigureAwait(false);
            _records = next;
            return revoked;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
