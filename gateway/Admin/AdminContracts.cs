using System.Text.Json;
using System.Text.Json.Serialization;
using AiGateway.Auth;

namespace AiGateway.Admin;

/// <summary><c>POST /admin/tokens</c> body.</summary>
public sealed record CreateTokenRequest(string? Team, string? App, int? ExpiresInDays, IReadOnlyList<string>? Scopes = null);

/// <summary><c>POST /admin/tokens</c> answer: the only time <see cref="Token"/> is ever shown.</summary>
public sealed record CreatedTokenResponse(string Id, string Token, string Team, string App, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt, IReadOnlyList<string>? Scopes);

/// <summary>A token as listed: everything but the secret.</summary>
public sealed record TokenView(string Id, string Team, string App, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, bool Expired, IReadOnlyList<string>? Scopes, DateTimeOffset? StatusChangedAt, string? StatusReason, string? CreatedBy)
{
    public static TokenView From(TokenRecord record, DateTimeOffset now) => new(record.Id, record.Team, record.App,
        record.Status.ToString().ToLowerInvariant(), record.CreatedAt, record.ExpiresAt, record.IsExpired(now),
        record.Scopes, record.StatusChangedAt, record.StatusReason, record.CreatedBy);
}

public sealed record TokenListResponse(IReadOnlyList<TokenView> Data);

/// <summary><c>POST /admin/tokens/lookup</c> body: a token secret found somewhere it should not be.</summary>
public sealed record TokenLookupRequest(string? Token)
{
    public override string ToString() => "TokenLookupRequest { Token = *** }";
}

/// <summary><c>POST /admin/tokens/{id}/suspend</c> body.</summary>
public sealed record SuspendTokenRequest(string? Reason);

/// <summary><c>POST /admin/credentials</c> body.</summary>
public sealed record CreateCredentialRequest(string? Name, string? Role, string? Team);

public sealed record CreatedCredentialResponse(string Id, string Token, string Name, string Role, string? Team, DateTimeOffset CreatedAt);

public sealed record CredentialView(string Id, string Name, string Role, string? Team, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? RevokedAt)
{
    public static CredentialView From(AdminCredentialRecord r) => new(r.Id, r.Name, AdminRoleNames.ToName(r.Role), r.Team, r.CreatedAt, r.CreatedBy, r.RevokedAt);
}

public sealed record CredentialListResponse(IReadOnlyList<CredentialView> Data);

public sealed record PolicyView(string Team, string? Description, IReadOnlyList<string> Models, IReadOnlyList<string> Endpoints, string UpstreamKey, bool UpstreamKeyLoaded, string SourceFile);

public sealed record PolicyListResponse(int Version, DateTimeOffset LoadedAt, IReadOnlyList<PolicyView> Data);

public sealed record PolicyReloadResponse(bool Reloaded, int Version, IReadOnlyList<string> Errors);

public sealed record WhoAmIResponse(string Id, string Name, string Role, string? Team);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(CreatedTokenResponse))]
[JsonSerializable(typeof(TokenView))]
[JsonSerializable(typeof(TokenListResponse))]
[JsonSerializable(typeof(SuspendTokenRequest))]
[JsonSerializable(typeof(TokenLookupRequest))]
[JsonSerializable(typeof(CreateCredentialRequest))]
[JsonSerializable(typeof(CreatedCredentialResponse))]
[JsonSerializable(typeof(CredentialListResponse))]
[JsonSerializable(typeof(PolicyListResponse))]
[JsonSerializable(typeof(PolicyReloadResponse))]
[JsonSerializable(typeof(WhoAmIResponse))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
