using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AiGateway.VaultDouble;

/// <summary>
/// An in-process, in-memory stand-in for HashiCorp Vault that speaks Vault's documented HTTP API (KV v2, AppRole
/// and Kubernetes login, token self-service, <c>sys/health</c>, ACL policies) on a real loopback socket. For tests
/// and local development only: it is not Vault, encrypts nothing and keeps nothing.
/// </summary>
/// <remarks>
/// Start one per test with <see cref="StartAsync"/>. Token TTLs and KV timestamps follow <see cref="Time"/>, so a
/// test moves them with a <c>FakeTimeProvider</c> instead of sleeping.
/// </remarks>
public sealed class VaultTestDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly VaultDoubleState _state;

    private VaultTestDouble(WebApplication app, VaultDoubleState state, Uri address)
    {
        _app = app;
        _state = state;
        Address = address;
    }

    /// <summary>The server address, e.g. <c>http://127.0.0.1:PORT</c>, without <c>/v1</c>: what <c>VAULT_ADDR</c> holds.</summary>
    public Uri Address { get; }

    /// <summary>The root token: the built-in <c>root</c> policy, never expires.</summary>
    public string RootToken => _state.Options.RootToken;

    /// <summary>The clock behind token TTLs, creation and expiry times, and KV timestamps.</summary>
    public TimeProvider Time => _state.Time;

    /// <summary>
    /// While true, every request except <c>sys/health</c> answers <c>503 {"errors":["Vault is sealed"]}</c>, and
    /// <c>sys/health</c> reports <c>sealed: true</c> with status 503.
    /// </summary>
    public bool Sealed
    {
        get => _state.Sealed;
        set => _state.Sealed = value;
    }

    /// <summary>Injectable latency, failures and unreachability.</summary>
    public VaultFaults Faults => _state.Faults;

    /// <summary>A snapshot of every request received (the newest 10,000), oldest first, before any check was applied.</summary>
    public IReadOnlyList<VaultRequestRecord> Requests => _state.Requests.Snapshot();

    /// <summary>Starts a double listening on <paramref name="url"/>; port 0 (the default) picks a free port.</summary>
    /// <param name="options">Start-up options; null uses the defaults (root token <c>root-test-double</c>, KV v2 mount <c>holysheepai</c>).</param>
    /// <param name="time">The clock; null uses <see cref="TimeProvider.System"/>.</param>
    /// <param name="url">The listen URL.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    /// <exception cref="FormatException">A policy file in <see cref="VaultDoubleOptions.PolicyDirectory"/> does not parse.</exception>
    public static async Task<VaultTestDouble> StartAsync(
        VaultDoubleOptions? options = null,
        TimeProvider? time = null,
        string url = "http://127.0.0.1:0",
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        var host = VaultDoubleApp.Build([], options ?? new VaultDoubleOptions(), time ?? TimeProvider.System);
        var app = host.App;
        try
        {
            app.Urls.Clear();
            app.Urls.Add(url);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);

            // Kestrel reports the bound address, with the real port when 0 was asked for.
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            return new VaultTestDouble(app, host.State, new Uri(addresses.First().TrimEnd('/')));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Parses and stores an ACL policy, replacing one of the same name (names are lower-cased, as in Vault).</summary>
    /// <exception cref="FormatException">The HCL is invalid; the message has the line and column.</exception>
    /// <exception cref="ArgumentException">The name is empty or <c>root</c>.</exception>
    public void AddPolicy(string name, string hcl) => _state.Policies.Add(name, hcl);

    /// <summary>Loads every <c>*.hcl</c> file of <paramref name="directory"/>; policy name = file name without <c>.hcl</c>.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FormatException">A file does not parse; the message names the file and line.</exception>
    public void LoadPolicies(string directory) => _state.Policies.LoadDirectory(directory);

    /// <summary>
    /// Creates a service token as <c>auth/token/create</c> would (the <c>default</c> policy is always attached) and
    /// returns it. Its TTL counts down on <see cref="Time"/>.
    /// </summary>
    /// <param name="policies">Policy names; they need not exist yet.</param>
    /// <param name="ttl">The token TTL (whole seconds).</param>
    /// <param name="renewable">Whether renew-self may extend it.</param>
    /// <param name="maxTtl">Its explicit max TTL from creation; null means the system max (768h).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ttl"/> is not positive.</exception>
    public string CreateToken(IEnumerable<string> policies, TimeSpan ttl, bool renewable = true, TimeSpan? maxTtl = null)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        return _state.Tokens.Create(new TokenSpec
        {
            Policies = policies,
            Ttl = ttl,
            MaxTtl = maxTtl,
            MaxTtlIsExplicit = maxTtl is not null,
            Renewable = renewable,
            Path = "auth/token/create",
            DisplayName = "token",
        }).Id;
    }

    /// <summary>
    /// Creates (or updates) an AppRole role and a new SecretID for it. Re-creating a role keeps its RoleID.
    /// </summary>
    /// <param name="roleName">The role name (lower-cased); logins report it as <c>auth.metadata.role_name</c>.</param>
    /// <param name="policies">The policies of the tokens it issues (plus <c>default</c>).</param>
    /// <param name="tokenTtl">The TTL of issued tokens: the login's <c>lease_duration</c>.</param>
    /// <param name="tokenMaxTtl">The max TTL renewals cannot pass; null means the system max (768h).</param>
    /// <param name="secretIdNumUses">How many logins the SecretID allows; 0 = unlimited.</param>
    /// <returns>The RoleID and the new SecretID.</returns>
    public (string RoleId, string SecretId) CreateAppRole(string roleName, IEnumerable<string> policies, TimeSpan tokenTtl, TimeSpan? tokenMaxTtl = null, int secretIdNumUses = 0) =>
        _state.AppRoles.Create(roleName, policies, tokenTtl, tokenMaxTtl, secretIdNumUses);

    /// <summary>
    /// Creates (or replaces) a Kubernetes auth role bound to one service account, and returns a service-account JWT
    /// (three base64url parts, realistic projected-token claims) that its login accepts. Logins with any JWT the
    /// double did not issue answer 403 permission denied.
    /// </summary>
    public string CreateKubernetesRole(string roleName, string serviceAccountName, string serviceAccountNamespace, IEnumerable<string> policies, TimeSpan tokenTtl) =>
        _state.KubernetesRoles.Create(roleName, serviceAccountName, serviceAccountNamespace, policies, tokenTtl);

    /// <summary>Revokes a token; later requests with it answer 403. Unknown tokens are ignored.</summary>
    public void RevokeToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        _state.Tokens.Revoke(token);
    }

    /// <summary>
    /// Writes a new version of a KV v2 secret for test setup, bypassing ACLs and <c>cas_required</c>.
    /// </summary>
    /// <param name="mount">The KV v2 mount, e.g. <c>holysheepai</c>.</param>
    /// <param name="path">The secret path inside the mount, e.g. <c>creds/rag-production</c> (no <c>data/</c>).</param>
    /// <param name="data">The secret's fields.</param>
    /// <returns>The new version number.</returns>
    /// <exception cref="ArgumentException">No such mount, or an empty path.</exception>
    public int WriteSecret(string mount, string path, IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(data);
        var key = path.Trim('/');
        ArgumentException.ThrowIfNullOrEmpty(key, nameof(path));
        var json = new JsonObject();
        foreach (var (field, value) in data)
        {
            json[field] = value;
        }

        return _state.GetMount(mount).Write(key, json.ToJsonString(), cas: null, ignoreCasRequired: true).Version;
    }

    /// <summary>Stops the host and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
