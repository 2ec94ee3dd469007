using AiGateway.Auth;
using AiGateway.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace AiGateway.Proxy;

/// <summary>
/// First step of the proxy pipeline: a request without a valid caller token never reaches the rest.
/// A middleware rather than an ASP.NET authentication handler so the hot path builds no ClaimsPrincipal.
/// </summary>
internal sealed class CallerAuthenticationMiddleware
{
    private readonly RequestDelegate _next;
    private readonly CallerAuthenticator _authenticator;

    public CallerAuthenticationMiddleware(RequestDelegate next, CallerAuthenticator authenticator)
    {
        _next = next;
        _authenticator = authenticator;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var route = context.GetEndpoint()?.Metadata.GetMetadata<GatewayRouteMetadata>();
        if (route is null)
        {
            // Misconfiguration, not caller error: every proxied route is built with this metadata.
            return ErrorResponseWriter.WriteAsync(context, GatewayErrors.InternalError);
        }

        ValueTask<AuthenticationOutcome> outcome;
        try
        {
            outcome = _authenticator.AuthenticateAsync(ReadCredential(context.Request.Headers), context.RequestAborted);
        }
        catch (TokenStoreUnavailableException)
        {
            return ErrorResponseWriter.WriteAsync(context, GatewayErrors.TokenStoreUnavailable);
        }
        return outcome.IsCompletedSuccessfully
            ? Continue(context, route, outcome.Result)
            : AwaitOutcome(context, route, outcome);
    }

    private async Task AwaitOutcome(HttpContext context, GatewayRouteMetadata route, ValueTask<AuthenticationOutcome> outcome)
    {
        AuthenticationOutcome result;
        try
        {
            result = await outcome.ConfigureAwait(false);
        }
        catch (TokenStoreUnavailableException)
        {
            // Tokens cannot be verified: never let an unverified caller through.
            await ErrorResponseWriter.WriteAsync(context, GatewayErrors.TokenStoreUnavailable).ConfigureAwait(false);
            return;
        }
        await Continue(context, route, result).ConfigureAwait(false);
    }

    private Task Continue(HttpContext context, GatewayRouteMetadata route, AuthenticationOutcome outcome)
    {
        if (outcome.Caller is null)
        {
            return ErrorResponseWriter.WriteAsync(context, outcome.Error ?? GatewayErrors.InvalidToken);
        }
        context.Features.Set(new GatewayRequestFeature(outcome.Caller, route));
        return _next(context);
    }

    /// <summary>OpenAI SDKs send <c>Authorization: Bearer</c>; Azure-style clients send <c>api-key</c>.</summary>
    internal static ReadOnlySpan<char> ReadCredential(IHeaderDictionary headers)
    {
        StringValues authorization = headers.Authorization;
        if (authorization.Count == 1)
        {
            var value = authorization.ToString().AsSpan().Trim();
            if (value.Length > 7 && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return value[7..].Trim();
            }
        }
        StringValues apiKey = headers[GatewayHeaders.ApiKey];
        return apiKey.Count == 1 ? apiKey.ToString().AsSpan().Trim() : ReadOnlySpan<char>.Empty;
    }
}
