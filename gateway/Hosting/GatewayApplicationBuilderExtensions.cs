using AiGateway.Admin;
using AiGateway.Errors;
using AiGateway.Proxy;
using AiGateway.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace AiGateway.Hosting;

/// <summary>The request pipeline, in order. Reading this file tells what every request goes through.</summary>
public static class GatewayApplicationBuilderExtensions
{
    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(errorApp => errorApp.Run(context => ErrorResponseWriter.WriteAsync(context, GatewayErrors.InternalError)));
        app.UseMiddleware<EmptyErrorBodyMiddleware>();
        app.UseRouting();
        app.UseMiddleware<ListenerIsolationMiddleware>();
        app.UseAuthentication(); // no default scheme: admin policies name theirs (see AddAdmin)
        app.UseAuthorization();

        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

        app.MapAdminApi().WithMetadata(ListenerScope.AdminOnly);
        // Anonymous, as Prometheus scrapes: the admin listener is the port apps cannot reach.
        app.MapMetrics("/metrics", app.Services.GetRequiredService<PrometheusMeterExport>().Registry)
            .WithMetadata(ListenerScope.AdminOnly);

        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<RequestTelemetryMiddleware>();       // metrics, audit record, span, x-aigw-request-id: sees every request
            proxy.UseMiddleware<CallerAuthenticationMiddleware>();   // 401: who is calling
            proxy.UseMiddleware<EndpointPolicyMiddleware>();         // 403: may the team use this endpoint
            proxy.UseMiddleware<RequestInspectionMiddleware>();      // 400/413: body, model, stream
            proxy.UseMiddleware<ModelPolicyMiddleware>();            // 403: model allowlist; picks the upstream key
            proxy.UseMiddleware<AdmissionMiddleware>();              // 400 output cap, 429 TPM/RPM; reconciles afterwards
            proxy.UseMiddleware<SpendMiddleware>();                  // 403 unpriced, 429 budget, breakers; ledger afterwards
            proxy.UseMiddleware<UsageMeteringMiddleware>();          // body rewrite; usage read from the response as it streams
            proxy.UseMiddleware<UpstreamErrorMiddleware>();          // 502/504 bodies when the forwarder fails
            proxy.UseMiddleware<UpstreamKeyRetryMiddleware>();       // upstream 401: fresh key, one retry, else 502
            proxy.UseMiddleware<UpstreamTimingMiddleware>();         // upstream time, summed over retries (the forwarder runs next)
        })
        .ConfigureEndpoints((endpoint, route) => endpoint
            .WithMetadata(ListenerScope.ProxyOnly)
            .WithMetadata(ProxyRouteTable.ReadMetadata(route)!));
        return app;
    }
}
