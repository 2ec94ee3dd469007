using System.Collections.Concurrent;
using AiGateway.Auth;
using StackExchange.Redis;

namespace AiGateway.UnitTests.Auth.Redis;

/// <summary>Redis holds hashes, never token secrets: every key, value and pub/sub message is checked.</summary>
public sealed class RedisTokenStoreSecretTests : IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly CapturedLogs _logs = new();
    private readonly RedisStoreHarness _harness;

    public RedisTokenStoreSecretTests(RedisServerFixture redis) => _harness = new RedisStoreHarness(redis.NewOptions(), _logs.CreateFactory());

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task IssueAndChangeTokens_NothingInRedisOrOnTheChannelOrInLogsContainsASecret()
    {
        var inspector = await _harness.InspectAsync();
        var messages = new ConcurrentQueue<string>();
        var allHeard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const int Expected = 5 * 3; // per token: added, suspended, revoked
        await inspector.GetSubscriber().SubscribeAsync(RedisChannel.Literal(_harness.Options.KeyPrefix + ":token:events"), (_, message) =>
        {
            messages.Enqueue(message.ToString());
            if (messages.Count == Expected)
            {
                allHeard.TrySetResult();
            }
        });
        var store = await _harness.NewReplicaAsync();
        var issuer = new TokenIssuer(store, _harness.Hasher, _harness.Time);
        var issued = new List<IssuedToken>();
        for (var i = 0; i < 5; i++)
        {
            var token = await issuer.IssueAsync("rag", "app" + i, TimeSpan.FromDays(1), ["chat"], "admin", CancellationToken.None);
            issued.Add(token);
            Assert.NotNull(await store.FindByHashAsync(_harness.Hasher.Hash(token.Secret), CancellationToken.None));
            await store.SetStatusAsync(token.Record.Id, TokenStatus.Suspended, "test", _harness.Time.GetUtcNow(), CancellationToken.None);
            await store.SetStatusAsync(token.Record.Id, TokenStatus.Revoked, "test", _harness.Time.GetUtcNow(), CancellationToken.None);
        }
        await allHeard.Task.WaitAsync(RedisStoreHarness.Guard);

        var stored = await ReadEverythingAsync(inspector, _harness.Options.KeyPrefix);

        Assert.Equal(5 * 2 + 1, stored.Count); // by id, by hash, one index
        var everything = string.Join('\n', stored.Select(kv => kv.Key + "=" + kv.Value).Concat(messages));
        foreach (var token in issued)
        {
            Assert.Contains(token.Record.Hash.ToString(), everything, StringComparison.Ordinal); // we did read the data
            Assert.DoesNotContain(token.Secret, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Secret[TokenFormat.Prefix.Length..], everything, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Secret.Substring(TokenFormat.Prefix.Length, 12), everything, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Secret, _logs.AllText(), StringComparison.Ordinal);
            Assert.DoesNotContain(token.Record.Hash.ToString(), _logs.AllText(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain(TokenFormat.Prefix, everything, StringComparison.Ordinal);
        Assert.Contains("app4", everything, StringComparison.Ordinal);
    }

    /// <summary>Every key under the prefix (found with SCAN) with its whole value, whatever its type.</summary>
    private static async Task<Dictionary<string, string>> ReadEverythingAsync(ConnectionMultiplexer inspector, string prefix)
    {
        var server = inspector.GetServers()[0];
        var database = inspector.GetDatabase();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: "*" + prefix + "*", pageSize: 10)) // token keys start with the hash tag "{prefix:token}"
        {
            var type = await database.KeyTypeAsync(key);
            result[key!] = type switch
            {
                RedisType.String => (await database.StringGetAsync(key)).ToString(),
                RedisType.SortedSet => string.Join(',', (await database.SortedSetRangeByRankWithScoresAsync(key)).Select(e => $"{e.Element}:{e.Score}")),
                _ => throw new InvalidOperationException($"Unexpected Redis type {type} at {key}."),
            };
        }
        return result;
    }
}
