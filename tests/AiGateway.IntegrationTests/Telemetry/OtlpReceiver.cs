using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiGateway.IntegrationTests.Telemetry;

/// <summary>
/// A stand-in OpenTelemetry collector on loopback: accepts OTLP/HTTP protobuf at <c>POST /v1/traces</c>, keeps each
/// payload's bytes and answers with an empty ExportTraceServiceResponse. Tests await a payload containing a marker.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<byte[]> _payloads = new();
    private readonly ConcurrentQueue<(byte[] Marker, TaskCompletionSource<byte[]> Signal)> _waiters = new();

    private OtlpReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public IReadOnlyCollection<byte[]> Payloads => _payloads;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        OtlpReceiver? receiver = null;
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            receiver!.Received(body.ToArray());
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver = new OtlpReceiver(app, new Uri(address));
        return receiver;
    }

    /// <summary>The first payload (already received or still to come) whose bytes contain <paramref name="marker"/>.</summary>
    public Task<byte[]> WaitForPayloadContainingAsync(string marker, TimeSpan guard)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(marker);
        var signal = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue((bytes, signal));
        foreach (var payload in _payloads)
        {
            if (payload.AsSpan().IndexOf(bytes) >= 0)
            {
                signal.TrySetResult(payload);
            }
        }
        return signal.Task.WaitAsync(guard);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Received(byte[] payload)
    {
        _payloads.Enqueue(payload);
        foreach (var (marker, signal) in _waiters)
        {
            if (payload.AsSpan().IndexOf(marker) >= 0)
            {
                signal.TrySetResult(payload);
            }
        }
    }
}
