using AiGateway.Storage;

namespace AiGateway.Auth;

/// <summary>
/// Single-instance token store: every record in memory, persisted to <c>tokens.json</c> in the data
/// folder after each change so a restart loses nothing. Reads are lock-free over an immutable index
/// that is swapped on write (writes are rare admin actions).
/// </summary>
internal sealed class EmbeddedTokenStore : ITokenStore, IDisposable
{
    private readonly JsonRecordFile<TokenRecord> _file;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile Index _index;

    public EmbeddedTokenStore(DataDirectory dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        _file = new JsonRecordFile<TokenRecord>(dataDirectory.GetFilePath("tokens.json"), AuthJsonContext.Default.ListTokenRecord);
        _index = new Index(_file.Load());
    }

    public ValueTask<TokenRecord?> FindByHashAsync(TokenHash hash, CancellationToken cancellationToken)
    {
        return new(_index.ByHash.GetValueOrDefault(hash));
    }

    public Task<TokenRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        return Task.FromResult(_index.ById.GetValueOrDefault(id));
    }

    public Task<IReadOnlyList<TokenRecord>> ListAsync(string? team, CancellationToken cancellationToken)
    {
        IReadOnlyList<TokenRecord> list = _index.All
            .Where(r => team is null || string.Equals(r.Team, team, StringComparison.Ordinal))
            .ToList();
        return Task.FromResult(list);
    }

    public async Task AddAsync(TokenRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_index.ById.ContainsKey(record.Id) || _index.ByHash.ContainsKey(record.Hash))
            {
                throw new InvalidOperationException($"Token '{record.Id}' already exists.");
            }
            await CommitAsync([.. _index.All, record]).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<TokenRecord?> SetStatusAsync(string id, TokenStatus status, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_index.ById.TryGetValue(id, out var current))
            {
                return null;
            }
            if (current.Status == TokenStatus.Revoked && status != TokenStatus.Revoked)
            {
                throw new InvalidOperationException($"Token '{id}' is revoked; revocation is final.");
            }
            var updated = current with { Status = status, StatusReason = reason, StatusChangedAt = at };
            await CommitAsync(_index.All.Select(r => r.Id == id ? updated : r).ToList()).ConfigureAwait(false);
            return updated;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task CommitAsync(List<TokenRecord> records)
    {
        // Persist first (and uncancellably): a record that is served must survive a restart.
        await _file.SaveAsync(records, CancellationToken.None).ConfigureAwait(false);
        _index = new Index(records);
    }

    private sealed class Index
    {
        public Index(List<TokenRecord> records)
        {
            All = records;
            ById = records.ToDictionary(r => r.Id, StringComparer.Ordinal);
            ByHash = records.ToDictionary(r => r.Hash);
        }

        public List<TokenRecord> All { get; }
        public Dictionary<string, TokenRecord> ById { get; }
        public Dictionary<TokenHash, TokenRecord> ByHash { get; }
    }

    public void Dispose() => _writeLock.Dispose();
}
