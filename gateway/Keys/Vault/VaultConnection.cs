using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace AiGateway.Keys.Vault;

/// <summary>
/// Everything needed to talk to Vault, built from <see cref="VaultOptions"/>: the HTTP client (timeout,
/// custom CA), the auth method, the token session and the KV client. Shared by the gateway and the rotation tool.
/// </summary>
public sealed class VaultConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly VaultSession _session;

    public VaultConnection(VaultOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (!Uri.TryCreate(options.Address, UriKind.Absolute, out _))
        {
            throw new ArgumentException("Vault:Address must be an absolute URL; validate VaultOptions before connecting.", nameof(options));
        }
        _http = new HttpClient(CreateHandler(options.CaCertFile), disposeHandler: true)
        {
            BaseAddress = new Uri(options.Address!.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };
        var transport = new VaultTransport(_http, options.Namespace);
        _session = new VaultSession(transport, CreateAuth(options.Auth), time, loggerFactory.CreateLogger("AiGateway.Keys.Vault"));
        Client = new VaultClient(transport, _session, options.Mount);
    }

    public IVaultClient Client { get; }

    internal VaultSession Session => _session;

    private static IVaultAuthMethod CreateAuth(VaultAuthOptions auth) => auth.Method switch
    {
        VaultAuthMethod.Token => new TokenAuthMethod(auth.Token, auth.TokenFile),
        VaultAuthMethod.AppRole => new AppRoleAuthMethod(auth.MountPath ?? "approle", auth.RoleId, auth.RoleIdFile, auth.SecretIdFile),
        VaultAuthMethod.Kubernetes => new KubernetesAuthMethod(auth.MountPath ?? "kubernetes", auth.Role!, auth.JwtFile),
        _ => throw new ArgumentOutOfRangeException(nameof(auth), auth.Method, "Unknown Vault auth method."),
    };

    private static SocketsHttpHandler CreateHandler(string? caCertFile)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (caCertFile is not null)
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(caCertFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }
                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
                {
                    return false;
                }
                // Trust exactly the configured CA for Vault, not every CA the machine knows.
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }
        return handler;
    }

    public void Dispose()
    {
        _session.Dispose();
        _http.Dispose();
    }
}
