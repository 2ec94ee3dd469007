using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AiGateway.Hosting;
using AiGateway.UpstreamSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace AiGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A real gateway on loopback (Kestrel, real sockets, both listeners on OS-chosen ports) in front of the
/// upstream simulator, with its own data folder and captured logs. Teams' keys map to simulator keys.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public const string AdminToken = "test-bootstrap-admin-credential-0123456789";

    /// <summary>The upstream keys each shipped team uses; the simulator accepts exactly these.</summary>
    public static readonly IReadOnlyDictionary<string, string> TeamKeys = new Dictionary<string, string>
    {
        ["creds/rag-production"] = "sk-sim-rag-0123456789abcdef",
        ["creds/customer-service"] = "sk-sim-cs-0123456789abcdef",
        ["creds/analytics"] = "sk-sim-analytics-0123456789ab",
    };

    private readonly WebApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _issuedSecrets = [];

    private GatewayHost(WebApplication app, CapturedLogs logs, string dataPath)
    {
        _app = app;
        Logs = logs;
        DataPath = dataPath;
        var addresses = app.Services.GetRequiredService<ListenerAddresses>();
        ProxyUrl = addresses.Proxy[0];
        AdminUrl = addresses.Admin[0];
        Admin = new HttpClient { BaseAddress = AdminUrl };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        Http = new HttpClient { BaseAddress = ProxyUrl };
    }

    public Uri ProxyUrl { get; }

    public Uri AdminUrl { get; }

    public CapturedLogs Logs { get; }

    public string DataPath { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Authenticated as the bootstrap admin.</summary>
    public HttpClient Admin { get; }

    /// <summary>Unauthenticated client for the proxy port.</summary>
    public HttpClient Http { get; }

    /// <summary>
    /// Starts a gateway. <paramref name="upstreamBaseUrl"/> is usually the simulator's; settings override
    /// the test defaults; <paramref name="services"/> can replace registrations (e.g. a FakeTimeProvider).
    /// </summary>
    public static async Task<GatewayHost> StartAsync(Uri upstreamBaseUrl, IDictionary<string, string?>? settings = null,
        string? dataPath = null, string? keysFile = null, Action<IServiceCollection>? services = null)
    {
        dataPath ??= TestPaths.NewTempFolder("data");
        if (keysFile is null)
        {
            keysFile = Path.Combine(dataPath, "test-upstream-keys.json");
            await File.WriteAllTextAsync(keysFile, JsonSerializer.Serialize(TeamKeys));
        }
        var config = new Dictionary<string, string?>
        {
            ["Gateway:Urls"] = "http://127.0.0.1:0",
            ["Admin:Urls"] = "http://127.0.0.1:0",
            ["Gateway:DataPath"] = dataPath,
            ["Upstream:BaseUrl"] = upstreamBaseUrl.ToString().TrimEnd('/'),
            ["Policies:Path"] = TestPaths.ShippedPolicies,
            ["Keys:File"] = keysFile,
            ["Keys:DefaultKeyVariable"] = "AIGW_TEST_NO_DEFAULT_KEY",
            ["Admin:BootstrapToken"] = AdminToken,
            // Everything at Trace, so the secret-hygiene checks see every line any component could write.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Trace",
            ["Logging:LogLevel:Yarp"] = "Trace",
            ["Logging:LogLevel:System.Net.Http"] = "Trace",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var logs = new CapturedLogs();
        // The gateway's own content root, so its appsettings.json applies (not another project's copied into bin/).
        var app = GatewayApplication.Create(["--contentRoot", Path.Combine(TestPaths.RepositoryRoot, "gateway")], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new GatewayHost(app, logs, dataPath);
    }

    /// <summary>Issues a caller token through the admin API and returns its secret and id.</summary>
    public async Task<(string Token, string Id)> IssueTokenAsync(string team, string app = "test-app", int? expiresInDays = null)
    {
        using var response = await Admin.PostAsJsonAsync("/admin/tokens", new { team, app, expiresInDays });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var secret = body.RootElement.GetProperty("token").GetString()!;
        _issuedSecrets.Add(secret);
        return (secret, body.RootElement.GetProperty("id").GetString()!);
    }

    /// <summary>An official OpenAI SDK client pointed at the gateway, with SDK retries off so errors surface as they are.</summary>
    public OpenAIClient OpenAi(string token) => new(new ApiKeyCredential(token), new OpenAIClientOptions
    {
        Endpoint = new Uri(ProxyUrl, "/v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });

    public HttpRequestMessage Request(HttpMethod method, string path, string token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        return request;
    }

    /// <summary>
    /// Stops the gateway, then checks every captured log line against every secret this host knew: the
    /// team keys, the admin credential and each token it issued. Every test using a host gets this check.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();

        var logs = Logs.AllText();
        var leaked = TeamKeys.Values.Append(AdminToken).Concat(_issuedSecrets).Count(secret => logs.Contains(secret, StringComparison.Ordinal));
        if (leaked > 0)
        {
            // Name how many, never which: the test output must not carry them either.
            throw new InvalidOperationException($"{leaked} secret(s) appeared in the gateway's logs.");
        }
    }

    public static SimulatorOptions SimulatorOptions() => new() { Keys = [.. TeamKeys.Values] };
}
