using Microsoft.Extensions.Logging;

namespace AiGateway.VaultDouble;

/// <summary>
/// Applies Vault's order of checks to every request: <c>sys/health</c> (answered even when sealed), the seal,
/// unauthenticated logins, the client token, the existence check, the ACL, and only then routing — so a path the
/// token may not touch is a 403 whether or not the double implements it, as in Vault.
/// </summary>
internal sealed class VaultDispatcher
{
    private readonly VaultDoubleState _state;
    private readonly ILogger _logger;
    private readonly SysHealthHandler _health;
    private readonly Dictionary<string, ILoginHandler> _logins;
    private readonly MountTable _mounts;

    public VaultDispatcher(VaultDoubleState state, ILogger<VaultDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        _logger = logger;
        _health = new SysHealthHandler(state);
        var options = state.Options;
        ILoginHandler[] logins =
        [
            new AppRoleLoginHandler(options.AppRoleMount, state.AppRoles, state.Tokens),
            new KubernetesLoginHandler(options.KubernetesMount, state.KubernetesRoles, state.Tokens),
        ];
        _logins = logins.ToDictionary(static l => l.Path, StringComparer.Ordinal);
        _mounts = new MountTable([new TokenBackend(state.Tokens), .. state.KvMounts.Values.Select(static m => new KvV2Backend(m))]);
    }

    public VaultResponse Dispatch(VaultRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Path == SysHealthHandler.Path)
        {
            return _health.Handle(request);
        }

        if (_state.Sealed)
        {
            return VaultResponse.Error(503, VaultErrors.Sealed);
        }

        if (request.Operation == VaultOperation.Head)
        {
            return VaultResponse.UnsupportedOperation();
        }

        if (_logins.TryGetValue(request.Path, out var login))
        {
            return login.Login(request);
        }

        var lookup = _state.Tokens.Lookup(request.Token, out var token);
        if (lookup != TokenLookupResult.Valid)
        {
            VaultDoubleLog.TokenRejected(_logger, request.Path, lookup);
            return lookup == TokenLookupResult.Missing ? VaultResponse.PermissionDenied() : VaultResponse.InvalidToken();
        }

        _mounts.TryMatch(request.Path, out var backend, out var subPath);
        var operation = backend?.ResolveOperation(subPath, request.Operation) ?? request.Operation;
        if (!_state.Policies.BuildAcl(token!.Policies).Allows(request.Path, operation))
        {
            VaultDoubleLog.PolicyDenied(_logger, operation, request.Path);
            return VaultResponse.PermissionDenied();
        }

        return backend?.Handle(request, subPath, operation, token) ?? VaultResponse.NotFound();
    }
}
