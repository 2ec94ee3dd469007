using System.Security.Cryptography;
using AiGateway.Auth;
using AiGateway.Benchmarks.Fixtures;
using AiGateway.Proxy;
using AiGateway.Storage;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;

namespace AiGateway.Benchmarks;

/// <summary>
/// The per-request caller check: bearer header value → format and CRC check → HMAC-SHA256 → embedded store
/// lookup → status and expiry. The store holds 1,000 tokens.
/// </summary>
[MemoryDiagnoser]
public class TokenAuthenticationBenchmarks
{
    private const int StoredTokens = 1000;

    private string _dataPath = "";
    private EmbeddedTokenStore _store = null!;
    private CallerAuthenticator _authenticator = null!;
    private TokenHasher _hasher = null!;
    private string _valid = "";
    private string _unknown = "";
    private string _badChecksum = "";
    private HeaderDictionary _bearerHeaders = null!;
    private HeaderDictionary _apiKeyHeaders = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dataPath = Path.Combine(Path.GetTempPath(), "aigw-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataPath);
        _hasher = new TokenHasher(RandomNumberGenerator.GetBytes(32));
        // Written as one file, then loaded the way the gateway loads it at start.
        var tokens = new string[StoredTokens];
        var records = new List<TokenRecord>(StoredTokens);
        for (var i = 0; i < StoredTokens; i++)
        {
            tokens[i] = TokenFormat.Generate();
            records.Add(new TokenRecord
            {
                Id = "tok_" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
                Hash = _hasher.Hash(tokens[i]),
                Team = "team-" + (i % 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
                App = "app",
                CreatedAt = DateTimeOffset.UtcNow,
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(90),
            });
        }
        new JsonRecordFile<TokenRecord>(Path.Combine(_dataPath, "tokens.json"), AuthJsonContext.Default.ListTokenRecord)
            .SaveAsync(records, CancellationToken.None).GetAwaiter().GetResult();
        _store = new EmbeddedTokenStore(new DataDirectory(_dataPath));
        _authenticator = new CallerAuthenticator(_store, _hasher, TimeProvider.System);

        _valid = tokens[StoredTokens / 2];
        _unknown = TokenFormat.Generate();
        _badChecksum = _valid[..^1] + (_valid[^1] == 'A' ? 'B' : 'A');
        _bearerHeaders = new HeaderDictionary { ["Authorization"] = "Bearer " + _valid };
        _apiKeyHeaders = new HeaderDictionary { ["api-key"] = _valid };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_dataPath, recursive: true);
    }

    /// <summary>Header → record: what <c>CallerAuthenticationMiddleware</c> does for a valid token.</summary>
    [Benchmark(Baseline = true)]
    public TokenRecord? BearerHeader_Valid() =>
        Sync.Wait(_authenticator.AuthenticateAsync(CallerAuthenticationMiddleware.ReadCredential(_bearerHeaders), CancellationToken.None)).Caller;

    [Benchmark]
    public TokenRecord? ApiKeyHeader_Valid() =>
        Sync.Wait(_authenticator.AuthenticateAsync(CallerAuthenticationMiddleware.ReadCredential(_apiKeyHeaders), CancellationToken.None)).Caller;

    /// <summary>Well-formed, checksum right, not in the store: full HMAC and lookup, then refused.</summary>
    [Benchmark]
    public object? Unknown() => Sync.Wait(_authenticator.AuthenticateAsync(_unknown, CancellationToken.None)).Error;

    /// <summary>Refused by the CRC before any hashing.</summary>
    [Benchmark]
    public object? BadChecksum() => Sync.Wait(_authenticator.AuthenticateAsync(_badChecksum, CancellationToken.None)).Error;

    /// <summary>Refused by the prefix/length check.</summary>
    [Benchmark]
    public object? Malformed() => Sync.Wait(_authenticator.AuthenticateAsync("sk-not-a-gateway-token", CancellationToken.None)).Error;

    /// <summary>The HMAC alone, for scale.</summary>
    [Benchmark]
    public TokenHash HashOnly() => _hasher.Hash(_valid);
}
