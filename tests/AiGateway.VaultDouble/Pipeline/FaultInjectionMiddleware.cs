using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiGateway.VaultDouble;

/// <summary>
/// Applies <see cref="VaultFaults"/>: an unreachable double aborts every connection; latency delays every answer;
/// injected failures answer any path but <c>sys/health</c> (so readiness probes keep working while calls fail).
/// </summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, VaultDoubleState state, ILogger<FaultInjectionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var faults = state.Faults;
        var path = context.Request.Path.Value ?? "";
        if (faults.Unreachable)
        {
            VaultDoubleLog.ConnectionAborted(logger, path);
            context.Abort();
            return;
        }

        if (faults.Latency is { } latency && latency > TimeSpan.Zero)
        {
            // Wall-clock on purpose: the latency exists to make a client's timeout fire, which uses real time.
            await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);
        }

        if (!VaultPaths.IsHealth(path) && faults.TryTakeFailure(out var statusCode))
        {
            VaultDoubleLog.FailureInjected(logger, path, statusCode);
            await VaultResponseWriter.WriteAsync(context, VaultResponse.Error(statusCode, VaultErrors.InjectedFailure)).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
