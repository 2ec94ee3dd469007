using System.Text.Encodings.Web;
using AiGateway.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiGateway.Admin;

/// <summary>ASP.NET authentication for the admin API; challenges and denials are OpenAI-shaped like every other gateway error.</summary>
internal sealed class AdminAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    private static readonly GatewayError Unauthorized = new(401, "invalid_request_error", "invalid_admin_credential",
        "Send a valid admin credential as 'Authorization: Bearer <credential>'.");

    private static readonly GatewayError Forbidden = new(403, "invalid_request_error", "insufficient_role",
        "Your admin credential's role does not allow this action.");

    private readonly AdminAuthenticator _authenticator;

    public AdminAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminAuthenticator authenticator)
        : base(options, logger, encoder)
    {
        _authenticator = authenticator;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString().AsSpan().Trim();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var principal = _authenticator.Authenticate(header[7..].Trim());
        return Task.FromResult(principal is null
            ? AuthenticateResult.Fail("invalid admin credential")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => ErrorResponseWriter.WriteAsync(Context, Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => ErrorResponseWriter.WriteAsync(Context, Forbidden);
}
