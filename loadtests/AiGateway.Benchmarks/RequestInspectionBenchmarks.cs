using AiGateway.Auth;
using AiGateway.Benchmarks.Fixtures;
using AiGateway.Limits.Estimation;
using AiGateway.Metering;
using AiGateway.Policies;
using AiGateway.Proxy;
using AiGateway.Storage;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AiGateway.Benchmarks;

/// <summary>
/// Everything the gateway does with a chat request body before forwarding it: read it (bounded, pooled),
/// inspect the top-level fields, estimate the prompt (fast and exact estimators), and rewrite it (insert the
/// output cap and <c>stream_options.include_usage</c>, the usual case for a streamed request without a cap).
/// </summary>
[MemoryDiagnoser]
public class RequestInspectionBenchmarks
{
    private byte[] _body = [];
    private RequestCostEstimator _fast = null!;
    private RequestCostEstimator _exact = null!;
    private GatewayRequestFeature _feature = null!;
    private DefaultHttpContext _context = null!;
    private MemoryStream _requestStream = null!;

    [Params("typical-1KiB", "large-64KiB")]
    public string Body { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _body = Body.StartsWith("typical", StringComparison.Ordinal) ? ChatBodies.Typical() : ChatBodies.Large();
        Console.WriteLine($"// body bytes: {_body.Length}");
        _fast = new RequestCostEstimator(new PromptEstimatorSelector(Options.Create(new PromptEstimatorOptions())));
        _exact = new RequestCostEstimator(new PromptEstimatorSelector(Options.Create(new PromptEstimatorOptions { Default = PromptEstimatorKind.Exact })));
        _exact.Estimate(NewFeature()); // loads the vocabulary outside the measurement
        _feature = NewFeature();
        _context = new DefaultHttpContext();
        _requestStream = new MemoryStream(_body, writable: false);
        _context.Request.Body = _requestStream;
        _context.Request.ContentLength = _body.Length;
    }

    private GatewayRequestFeature NewFeature()
    {
        var caller = new TokenRecord { Id = "tok_1", Hash = default, Team = "team-a", App = "app", CreatedAt = DateTimeOffset.UnixEpoch };
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(_body.Length);
        _body.CopyTo(rented, 0);
        return new GatewayRequestFeature(caller, new GatewayRouteMetadata(GatewayEndpoint.Chat, HasJsonBody: true))
        {
            Model = "gpt-4o-mini",
            OutputCap = 1024,
            Body = new PooledBytes(rented, _body.Length),
        };
    }

    /// <summary>RequestBodyReader over a body with a Content-Length, as Kestrel hands it over.</summary>
    [Benchmark]
    public int Read()
    {
        _requestStream.Position = 0;
        using var body = RequestBodyReader.ReadAsync(_context.Request, 4 * 1024 * 1024, CancellationToken.None).GetAwaiter().GetResult()!;
        return body.Length;
    }

    [Benchmark(Baseline = true)]
    public RequestInspection Inspect() => RequestBodyInspector.Inspect(_body, GatewayEndpoint.Chat);

    [Benchmark]
    public long EstimateFast() => _fast.Estimate(_feature);

    [Benchmark]
    public long EstimateExact() => _exact.Estimate(_feature);

    /// <summary>Inserts max_tokens and stream_options (nothing in the body sets them).</summary>
    [Benchmark]
    public int Rewrite()
    {
        var rewrite = RequestBodyRewriter.Rewrite(_body, new RequestRewriteOptions(1024, EnsureStreamUsage: true));
        using var body = rewrite.Body;
        return body?.Length ?? 0;
    }
}
