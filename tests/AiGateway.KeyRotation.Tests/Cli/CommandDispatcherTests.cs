using System.Text.Json;
using AiGateway.KeyRotation.Cli;
using AiGateway.KeyRotation.Rotation;
using AiGateway.KeyRotation.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AiGateway.KeyRotation.Tests.Cli;

/// <summary>
/// The whole tool as an operator runs it: command line and settings in, exit code and stdout out, against the
/// Vault double (AppRole <c>aigateway-rotation</c>, shipped policies) and the simulator. Every test also checks
/// that no key, admin credential or secret_id reached stdout, stderr or a log line.
/// </summary>
public sealed class CommandDispatcherTests : IAsyncLifetime, IDisposable
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();
    private readonly CapturedLogs _logs = new();
    private readonly List<string> _secrets = [];
    private RotationTestEnvironment _env = null!;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _env = await RotationTestEnvironment.StartAsync();
        var adminKeyFile = Path.Combine(_env.Folder, "admin-key");
        await File.WriteAllTextAsync(adminKeyFile, _env.AdminKey + "\n");
        _settings = new Dictionary<string, string?>
        {
            ["Vault:Address"] = _env.Vault.Address.ToString(),
            ["Vault:Auth:Method"] = "AppRole",
            ["Vault:Auth:RoleIdFile"] = _env.RoleIdFile,
            ["Vault:Auth:SecretIdFile"] = _env.SecretIdFile,
            ["Provider:BaseUrl"] = _env.Simulator.BaseUrl.ToString(),
            ["Provider:AdminKeyFile"] = adminKeyFile,
            ["Rotation:Actor"] = "cli-test",
        };
        _secrets.AddRange([_env.AdminKey, _env.SecretId]);
    }

    public async Task DisposeAsync() => await _env.DisposeAsync();

    public void Dispose()
    {
        _out.Dispose();
        _error.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task RunAsync_RotateService_RotatesAndPrintsNoSecret()
    {
        var seeded = await SeedAsync("rag-production");

        var exit = await RunAsync("rotate", "rag-production", "--grace-seconds", "0");

        Assert.Equal(ExitCodes.Ok, exit);
        var secret = await _env.CurrentSecretAsync("rag-production");
        _secrets.Add(secret.Data["api_key"]);
        Assert.Contains($"rag-production: ROTATED key_id {seeded.KeyId} -> {secret.Data["key_id"]} (Vault version {secret.Version}); old key revoked (exit 0)", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("rag-production: grace period 0 s: revoking the old key now", _out.ToString(), StringComparison.Ordinal);
        Assert.False(_env.Simulator.Keys.IsActive(seeded.ApiKey));
        Assert.Contains(_logs.Lines, l => l.Contains("[2005]", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, l => l.Contains("[1210]", StringComparison.Ordinal));
        AssertNoSecretAnywhere();
    }

    [Fact]
    public async Task RunAsync_RotateWithJson_WritesOneJsonDocumentWithoutSecrets()
    {
        var seeded = await SeedAsync("rag-production");

        var exit = await RunAsync("rotate", "creds/rag-production", "--json", "--grace-seconds=0");

        Assert.Equal(ExitCodes.Ok, exit);
        var secret = await _env.CurrentSecretAsync("rag-production");
        _secrets.Add(secret.Data["api_key"]);
        using var json = JsonDocument.Parse(_out.ToString());
        var root = json.RootElement;
        Assert.Equal("rotated", root.GetProperty("outcome").GetString());
        Assert.Equal(0, root.GetProperty("exit_code").GetInt32());
        Assert.Equal(seeded.KeyId, root.GetProperty("previous_key_id").GetString());
        Assert.Equal(secret.Data["key_id"], root.GetProperty("new_key_id").GetString());
        Assert.Equal(secret.Version, root.GetProperty("vault_version").GetInt32());
        Assert.True(root.GetProperty("old_key_revoked").GetBoolean());
        Assert.StartsWith("audit/rag-production/", root.GetProperty("audit_path").GetString(), StringComparison.Ordinal);
        Assert.Empty(root.GetProperty("problems").EnumerateArray());
        AssertNoSecretAnywhere();
    }

    [Fact]
    public async Task RunAsync_WrongInlineAdminKey_ExitsFailedAndNeverPrintsTheKey()
    {
        var seeded = await SeedAsync("rag-production");
        const string WrongAdminKey = "wrong-admin-key-inline-0123456789";
        _settings.Remove("Provider:AdminKeyFile");
        _settings["Provider:AdminKey"] = WrongAdminKey;
        _secrets.Add(WrongAdminKey);
        _secrets.Add(WrongAdminKey[..6] + "***");

        var exit = await RunAsync("rotate", "rag-production", "--grace-seconds", "0");

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("rag-production: FAILED: nothing changed", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("401", _out.ToString(), StringComparison.Ordinal);
        Assert.Equal(seeded.Version, (await _env.CurrentSecretAsync("rag-production")).Version);
        AssertNoSecretAnywhere();
    }

    [Fact]
    public async Task RunAsync_OldKeyCannotBeRevoked_ExitsPartialAndSaysWhatToRevoke()
    {
        await SeedAsync("rag-production", keyId: "key_never_issued_by_provider");

        var exit = await RunAsync("rotate", "rag-production", "--grace-seconds", "0");

        Assert.Equal(ExitCodes.Partial, exit);
        _secrets.Add((await _env.CurrentSecretAsync("rag-production")).Data["api_key"]);
        Assert.Contains("PARTIAL", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("old key key_never_issued_by_provider still live — revoke it by hand", _out.ToString(), StringComparison.Ordinal);
        AssertNoSecretAnywhere();
    }

    [Fact]
    public async Task RunAsync_MissingSecret_ExitsFailed()
    {
        var exit = await RunAsync("rotate", "nobody-home", "--grace-seconds", "0");

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("no secret at creds/nobody-home", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RotateDueWithFakeClock_RotatesOnlyDueServiceAndSummarises()
    {
        var now = DateTimeOffset.UtcNow;
        var due = await SeedAsync("analytics", new Dictionary<string, string> { ["rotated_at"] = RotationMetadata.FormatTime(now.AddDays(-100)) });
        var fresh = await SeedAsync("rag-production");

        var exit = await RunAsync(new FakeTimeProvider(now), "rotate", "--due", "--grace-seconds", "0");

        Assert.Equal(ExitCodes.Ok, exit);
        _secrets.Add((await _env.CurrentSecretAsync("analytics")).Data["api_key"]);
        Assert.False(_env.Simulator.Keys.IsActive(due.ApiKey));
        Assert.True(_env.Simulator.Keys.IsActive(fresh.ApiKey));
        Assert.Contains("rag-production: not due", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("summary: 2 checked, 1 due, 1 done, 0 failed, 0 partial (exit 0)", _out.ToString(), StringComparison.Ordinal);
        AssertNoSecretAnywhere();
    }

    [Fact]
    public async Task RunAsync_Status_PrintsTableOfIdsAndAgesOnly()
    {
        var now = DateTimeOffset.UtcNow;
        var rag = await SeedAsync("rag-production", new Dictionary<string, string> { ["owner"] = "rag", ["rotated_at"] = RotationMetadata.FormatTime(now.AddDays(-10)) });
        var analytics = await SeedAsync("analytics", new Dictionary<string, string> { ["rotated_at"] = RotationMetadata.FormatTime(now.AddDays(-120)) });

        var exit = await RunAsync(new FakeTimeProvider(now), "status");

        Assert.Equal(ExitCodes.Ok, exit);
        var lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("SERVICE", lines[0], StringComparison.Ordinal);
        Assert.Matches($@"^analytics\s+{analytics.KeyId}\s+1\s+120\.0d\s+rotated_at\s+\S+\s+yes\s+-$", lines[1]);
        Assert.Matches($@"^rag-production\s+{rag.KeyId}\s+1\s+10\.0d\s+rotated_at\s+\S+\s+no\s+rag$", lines[2]);
        AssertNoSecretAnywhere();
    }

    [Fact]
    public async Task RunAsync_StatusJson_ListsServicesWithoutSecrets()
    {
        var rag = await SeedAsync("rag-production");

        var exit = await RunAsync("status", "--json");

        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(_out.ToString());
        var service = Assert.Single(json.RootElement.GetProperty("services").EnumerateArray());
        Assert.Equal("rag-production", service.GetProperty("service").GetString());
        Assert.Equal(rag.KeyId, service.GetProperty("key_id").GetString());
        Assert.Equal("version_created", service.GetProperty("age_from").GetString());
        Assert.False(service.GetProperty("due").GetBoolean());
        AssertNoSecretAnywhere();
    }

    [Fact]
    public async Task RunAsync_StatusWithoutProviderSettings_NeedsVaultOnly()
    {
        _settings.Remove("Provider:AdminKeyFile");

        var exit = await RunAsync("status");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("(no secrets under creds/)", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AdminKeyFileMissing_ExitsUsageNamingTheSetting()
    {
        _settings["Provider:AdminKeyFile"] = Path.Combine(_env.Folder, "no-such-file");
        _settings["Rotation:GraceSeconds"] = "-1";

        var exit = await RunAsync("rotate", "rag-production");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("Provider:AdminKeyFile", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Rotation:GraceSeconds", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_env.Vault.Requests);
    }

    [Fact]
    public async Task RunAsync_NoVaultAddress_ExitsUsageNamingTheSetting()
    {
        _settings.Remove("Vault:Address");

        var exit = await RunAsync("rotate", "--due");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("Vault:Address", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SettingOnCommandLine_OverridesOtherSources()
    {
        _settings["Vault:Address"] = "not a url";

        var exit = await RunAsync("status", $"--Vault:Address={_env.Vault.Address}");

        Assert.Equal(ExitCodes.Ok, exit);
    }

    [Theory]
    [InlineData(ExitCodes.Ok, "--help")]
    [InlineData(ExitCodes.Ok, "help")]
    [InlineData(ExitCodes.Usage)]
    public async Task RunAsync_Help_PrintsUsage(int expected, params string[] args)
    {
        var exit = await RunAsync(args);

        Assert.Equal(expected, exit);
        Assert.Contains("rotate --due", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("3  partial", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownOption_ExitsUsage()
    {
        var exit = await RunAsync("rotate", "rag-production", "--force");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("unknown option '--force'", _error.ToString(), StringComparison.Ordinal);
    }

    private Task<int> RunAsync(params string[] args) => RunAsync(TimeProvider.System, args);

    private Task<int> RunAsync(TimeProvider time, params string[] args)
    {
        var environment = new ToolEnvironment(_out, _error, time,
            overrides => new ConfigurationBuilder().AddInMemoryCollection(_settings).AddCommandLine(overrides.ToArray()).Build(),
            (logging, _) => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        return CommandDispatcher.RunAsync(args, environment, CancellationToken.None);
    }

    private async Task<SeededService> SeedAsync(string service, IReadOnlyDictionary<string, string>? metadata = null, string? keyId = null)
    {
        var seeded = await _env.SeedAsync(service, metadata, keyId);
        _secrets.Add(seeded.ApiKey);
        return seeded;
    }

    private void AssertNoSecretAnywhere()
    {
        var everything = string.Join('\n', _out.ToString(), _error.ToString(), _logs.AllText());
        Assert.NotEmpty(_logs.Lines);
        foreach (var secret in _secrets)
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }
}
