using System.ClientModel;
using System.Collections.Concurrent;
using AiGateway.IntegrationTests.Infrastructure;
using AiGateway.KeyRotation.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace AiGateway.IntegrationTests.Keys;

/// <summary>
/// The whole rotation story: apps keep calling the gateway (official SDK, several callers, streaming and
/// not) while the rotation tool creates a new provider key, writes it to Vault with check-and-set, waits
/// its grace period and revokes the old key. No call fails, and afterwards only the new key is in use.
/// </summary>
public sealed class KeyRotationEndToEndTests
{
    private const int Callers = 6;

    [Fact]
    public async Task Rotate_UnderConcurrentTraffic_NoRequestFailsAndOnlyTheNewKeyRemains()
    {
        await using var stack = await VaultTestBed.StartAsync(settings: new Dictionary<string, string?>
        {
            // Replicas pick new keys up within a second; the tool's grace below is longer, as in production.
            ["Vault:RefreshSeconds"] = "1",
            ["Vault:StaleGraceSeconds"] = "600",
            ["Policies:Path"] = TestPaths.CopyOfShippedPoliciesWithoutLimits(),
        });
        var oldKey = GatewayHost.TeamKeys["creds/rag-production"];
        var (roleId, secretId) = stack.Vault.CreateAppRole("aigateway-rotation", ["key-rotation"], TimeSpan.FromMinutes(15));
        var secretFolder = TestPaths.NewTempFolder("rotation");
        await File.WriteAllTextAsync(Path.Combine(secretFolder, "secret-id"), secretId);
        await File.WriteAllTextAsync(Path.Combine(secretFolder, "admin-key"), "sim-admin");
        var (token, _) = await stack.Gateway.IssueTokenAsync("rag", "busy-app");

        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var completed = new ProgressCounter();
        async Task CallerAsync(int caller)
        {
            var chat = stack.Gateway.OpenAi(token).GetChatClient("deepseek-v3.2");
            for (var i = 0; !stop.IsCancellationRequested && i < 2_000; i++)
            {
                try
                {
                    if ((caller + i) % 2 == 0)
                    {
                        await chat.CompleteChatAsync([new UserChatMessage($"caller {caller} call {i}")]);
                    }
                    else
                    {
                        var parts = 0;
                        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage($"caller {caller} stream {i}")]))
                        {
                            parts += update.ContentUpdate.Count;
                        }
                        if (parts == 0)
                        {
                            failures.Enqueue($"caller {caller} stream {i}: empty stream");
                        }
                    }
                    completed.Increment();
                }
                catch (ClientResultException ex)
                {
                    failures.Enqueue($"caller {caller} call {i}: HTTP {ex.Status}");
                }
            }
        }

        var traffic = Enumerable.Range(0, Callers).Select(c => Task.Run(() => CallerAsync(c))).ToList();
        var output = new StringWriter();
        var errors = new StringWriter();
        var settings = new Dictionary<string, string?>
        {
            ["Vault:Address"] = stack.Vault.Address.ToString(),
            ["Vault:Auth:Method"] = "AppRole",
            ["Vault:Auth:RoleId"] = roleId,
            ["Vault:Auth:SecretIdFile"] = Path.Combine(secretFolder, "secret-id"),
            ["Provider:BaseUrl"] = stack.Simulator.BaseUrl.ToString(),
            ["Provider:AdminKeyFile"] = Path.Combine(secretFolder, "admin-key"),
            ["Rotation:GraceSeconds"] = "3",
            ["Rotation:Actor"] = "e2e-test",
        };
        var environment = new ToolEnvironment(output, errors, TimeProvider.System,
            _ => new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            (logging, _) => logging.AddProvider(stack.Gateway.Logs));

        await completed.WhenAtLeast(20).WaitAsync(TimeSpan.FromSeconds(60));
        var beforeRotation = completed.Value;
        var exitCode = await CommandDispatcher.RunAsync(["rotate", "rag-production"], environment, CancellationToken.None);
        var afterRotation = completed.Value;
        // Keep the traffic going a little past the revocation, then stop it.
        await completed.WhenAtLeast(afterRotation + 20).WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(traffic);
        stack.Simulator.Reset();
        await stack.Gateway.OpenAi(token).GetChatClient("deepseek-v3.2").CompleteChatAsync([new UserChatMessage("after")]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{errors}");
        Assert.Empty(failures);
        Assert.True(beforeRotation > 0 && afterRotation > beforeRotation, $"traffic ran during the rotation: {beforeRotation} -> {afterRotation}");
        Assert.False(stack.Simulator.Keys.IsActive(oldKey));
        var used = Assert.Single(stack.Simulator.ReceivedRequests.Select(r => r.ApiKey).Distinct());
        Assert.NotEqual(oldKey, used);
        Assert.True(stack.Simulator.Keys.IsActive(used!));
        Assert.DoesNotContain(used!, output.ToString() + errors, StringComparison.Ordinal);
    }

    /// <summary>Counts finished calls and lets the test wait for a count without polling or sleeping.</summary>
    private sealed class ProgressCounter
    {
        private readonly Lock _lock = new();
        private readonly List<(int Target, TaskCompletionSource Signal)> _waiters = [];
        private int _value;

        public int Value
        {
            get
            {
                lock (_lock)
                {
                    return _value;
                }
            }
        }

        public void Increment()
        {
            lock (_lock)
            {
                _value++;
                foreach (var waiter in _waiters.Where(w => w.Target <= _value).ToList())
                {
                    waiter.Signal.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
        }

        public Task WhenAtLeast(int target)
        {
            lock (_lock)
            {
                if (_value >= target)
                {
                    return Task.CompletedTask;
                }
                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((target, signal));
                return signal.Task;
            }
        }
    }
}
