using System.Net;
using AiGateway.IntegrationTests.Infrastructure;
using AiGateway.Keys;
using AiGateway.Keys.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Chat;

namespace AiGateway.IntegrationTests.Keys;

/// <summary>The gateway reading upstream keys from Vault (the test double, over HTTP, with the shipped ACLs).</summary>
public sealed class VaultKeyProviderTests
{
    private const string ChatBody = "{\"model\":\"deepseek-v3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    [Fact]
    public async Task Chat_KeysFromVault_UpstreamSeesTheVaultHeldKey()
    {
        await using var stack = await VaultTestBed.StartAsync();
        var (token, _) = await stack.Gateway.IssueTokenAsync("rag", "vault-chat");
        var marker = Guid.NewGuid().ToString("N");

        var completion = await stack.Gateway.OpenAi(token).GetChatClient("deepseek-v3.2").CompleteChatAsync([new UserChatMessage(marker)]);

        Assert.NotEmpty(completion.Value.Content);
        var seen = Assert.Single(stack.Simulator.ReceivedRequests, r => r.Body.Contains(marker, StringComparison.Ordinal));
        Assert.Equal(GatewayHost.TeamKeys["creds/rag-production"], seen.ApiKey);
        var vaultCalls = stack.Vault.Requests;
        Assert.Contains(vaultCalls, r => r.Method == "POST" && r.Path == "/v1/auth/approle/login");
        Assert.Contains(vaultCalls, r => r.Method == "GET" && r.Path == "/v1/holysheepai/data/creds/rag-production"
            && r.Headers.ContainsKey("x-vault-token") && r.Headers["x-vault-request"] == "true");
        Assert.DoesNotContain(vaultCalls, r => r.Method is "POST" or "PUT" or "DELETE" && r.Path.Contains("/data/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GatewayVaultToken_LeastPrivilege_CannotWriteCredsOrReadOtherPaths()
    {
        await using var stack = await VaultTestBed.StartAsync();
        var client = stack.Gateway.Services.GetRequiredService<VaultConnection>().Client;
        stack.Vault.WriteSecret(VaultTestBed.Mount, "audit/rag-production/20261127T000000Z", new Dictionary<string, string> { ["outcome"] = "ok" });

        var read = await client.ReadSecretAsync("creds/rag-production", null, CancellationToken.None);
        var write = await Assert.ThrowsAsync<VaultException>(() =>
            client.WriteSecretAsync("creds/rag-production", new Dictionary<string, string> { ["api_key"] = "sk-evil" }, null, CancellationToken.None));
        var audit = await Assert.ThrowsAsync<VaultException>(() => client.ReadSecretAsync("audit/rag-production/20261127T000000Z", null, CancellationToken.None));
        var list = await Assert.ThrowsAsync<VaultException>(() => client.ListAsync("creds", CancellationToken.None));

        Assert.NotNull(read);
        Assert.True(write.IsPermissionDenied);
        Assert.True(audit.IsPermissionDenied);
        Assert.True(list.IsPermissionDenied);
        Assert.DoesNotContain("sk-", write.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_AcrossTtlBoundary_RenewsAtHalfLifeThenLogsInAgainAtMaxTtl()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stack = await VaultTestBed.StartAsync(time, tokenTtl: TimeSpan.FromMinutes(10), tokenMaxTtl: TimeSpan.FromMinutes(18));
        var session = stack.Gateway.Services.GetRequiredService<VaultConnection>().Session;
        var (token, _) = await stack.Gateway.IssueTokenAsync("rag", "renewal");
        Assert.Equal(1, session.LoginCount);

        time.Advance(TimeSpan.FromMinutes(5));                 // half of the 10-minute lease: renew to 10 more
        await session.BackgroundWork;
        var renewalsAfterFirstHalfLife = session.RenewalCount;
        time.Advance(TimeSpan.FromMinutes(5));                 // minute 10: renewal capped at the 18-minute max (8 left)
        await session.BackgroundWork;
        time.Advance(TimeSpan.FromMinutes(4));                 // minute 14: 4 left, less than half a lease: fresh login
        await session.BackgroundWork;
        using var response = await stack.Gateway.Http.SendAsync(stack.Gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, ChatBody));

        Assert.Equal(1, renewalsAfterFirstHalfLife);
        Assert.Equal(2, session.RenewalCount);
        Assert.Equal(2, session.LoginCount);
        Assert.Contains(stack.Vault.Requests, r => r.Path == "/v1/auth/token/renew-self");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Session_TokenExpiredWhileVaultUnreachable_LogsInAgainWhenVaultReturns()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // Key refresh far apart so only the session's own renewals and retries run while the clock moves.
        await using var stack = await VaultTestBed.StartAsync(time, tokenTtl: TimeSpan.FromMinutes(10), settings: new Dictionary<string, string?>
        {
            ["Vault:RefreshSeconds"] = "3600",
            ["Vault:StaleGraceSeconds"] = "7200",
        });
        var session = stack.Gateway.Services.GetRequiredService<VaultConnection>().Session;
        var provider = stack.Gateway.Services.GetRequiredService<IUpstreamKeyProvider>();

        stack.Vault.Faults.Unreachable = true;
        for (var minute = 0; minute < 12; minute++)           // renewal attempts fail; the lease runs out
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await session.BackgroundWork;
        }
        stack.Vault.Faults.Unreachable = false;
        var key = await provider.RefreshAsync("creds/rag-production", CancellationToken.None);

        Assert.NotNull(key);
        Assert.True(2 == session.LoginCount, string.Join("\n", stack.Vault.Requests.Select(r => $"{r.Method} {r.Path}")));
        Assert.True(stack.Gateway.Logs.Contains("Vault token renewal or login failed"));
    }

    [Fact]
    public async Task VaultSealed_CachedKeyServesUntilGraceThen503_AndRecovers()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stack = await VaultTestBed.StartAsync(time);
        var provider = (VaultUpstreamKeyProvider)stack.Gateway.Services.GetRequiredService<IUpstreamKeyProvider>();
        var (token, _) = await stack.Gateway.IssueTokenAsync("rag", "sealed");

        stack.Vault.Sealed = true;
        await provider.RefreshAllAsync(CancellationToken.None);
        using var whileSealed = await stack.Gateway.Http.SendAsync(stack.Gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, ChatBody));
        var readiness = await stack.Gateway.Http.GetStringAsync("/readyz");
        time.Advance(TimeSpan.FromSeconds(601));               // past Vault:StaleGraceSeconds
        using var pastGrace = await stack.Gateway.Http.SendAsync(stack.Gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, ChatBody));
        stack.Vault.Sealed = false;
        var reloaded = await RefreshUntilLoadedAsync(provider, "creds/rag-production");
        using var recovered = await stack.Gateway.Http.SendAsync(stack.Gateway.Request(HttpMethod.Post, "/v1/chat/completions", token, ChatBody));

        Assert.True(HttpStatusCode.OK == whileSealed.StatusCode, stack.Gateway.Logs.AllText());
        Assert.Equal("Degraded", readiness);
        await OpenAiErrorAssert.IsErrorAsync(pastGrace, HttpStatusCode.ServiceUnavailable, "upstream_key_unavailable");
        Assert.NotNull(reloaded);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    /// <summary>A refresh started by the advanced clock while Vault was sealed may still be in flight; the next read is fresh.</summary>
    private static async Task<UpstreamKey?> RefreshUntilLoadedAsync(IUpstreamKeyProvider provider, string keyRef)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            try
            {
                if (await provider.RefreshAsync(keyRef, CancellationToken.None) is { } key)
                {
                    return key;
                }
            }
            catch (VaultException)
            {
            }
        }
        return null;
    }

    [Fact]
    public async Task UpstreamRejectsCachedKey_AfterRotationInVault_GatewayRereadsAndRetriesOnce()
    {
        await using var stack = await VaultTestBed.StartAsync();
        var (token, _) = await stack.Gateway.IssueTokenAsync("rag", "rotated-under-it");
        var oldKey = GatewayHost.TeamKeys["creds/rag-production"];
        const string newKey = "sk-sim-rag-rotated-000000000000";
        var newId = stack.Simulator.Keys.Add(newKey, "rag-production");
        stack.Vault.WriteSecret(VaultTestBed.Mount, "creds/rag-production", new Dictionary<string, string> { ["api_key"] = newKey, ["key_id"] = newId });
        stack.Simulator.Keys.Revoke(stack.Simulator.Keys.FindId(oldKey)!);
        var marker = Guid.NewGuid().ToString("N");

        using var response = await stack.Gateway.Http.SendAsync(stack.Gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
            ChatBody.Replace("hi", marker, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attempts = stack.Simulator.ReceivedRequests.Where(r => r.Body.Contains(marker, StringComparison.Ordinal)).Select(r => r.ApiKey).ToList();
        Assert.Equal([oldKey, newKey], attempts);
        Assert.True(stack.Gateway.Logs.Contains("retrying once with the fresh key"));
    }

    [Fact]
    public async Task UpstreamRejectsKey_VaultHasNothingNewer_Returns502WithoutSecondAttempt()
    {
        await using var stack = await VaultTestBed.StartAsync();
        var (token, _) = await stack.Gateway.IssueTokenAsync("rag", "revoked-upstream");
        stack.Simulator.Keys.Revoke(stack.Simulator.Keys.FindId(GatewayHost.TeamKeys["creds/rag-production"])!);
        var marker = Guid.NewGuid().ToString("N");

        using var response = await stack.Gateway.Http.SendAsync(stack.Gateway.Request(HttpMethod.Post, "/v1/chat/completions", token,
            ChatBody.Replace("hi", marker, StringComparison.Ordinal)));

        await OpenAiErrorAssert.IsErrorAsync(response, HttpStatusCode.BadGateway, "upstream_auth_failed");
        Assert.Single(stack.Simulator.ReceivedRequests, r => r.Body.Contains(marker, StringComparison.Ordinal));
    }
}
