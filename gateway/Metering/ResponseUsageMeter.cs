using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiGateway.Metering;

/// <summary>
/// Meters a proxied response as its bytes pass through: installed as the request's
/// <see cref="IHttpResponseBodyFeature"/> before YARP's forwarder runs, it sees every write to
/// <c>Response.Body</c> or <c>Response.BodyWriter</c>, hands the bytes to the scanner the response needs
/// (SSE or JSON, chosen from status and <c>Content-Type</c> when the body starts) and passes them on at
/// once with the same chunking and flushes, so streaming latency does not change. With
/// <c>stripUsageChunk</c> it also removes the usage-only SSE chunk the client did not ask for
/// (<see cref="SseUsageChunkStripper"/>).
/// </summary>
/// <remarks>
/// Usage: <c>var meter = ResponseUsageMeter.Install(context, strip);</c> then, around the forwarder,
/// <c>try { await next(context); } finally { var result = await meter.FinishAsync(); }</c>.
/// <see cref="FinishAsync"/> runs once (later calls return the same result): it sends any bytes still
/// held back, puts the previous feature back and publishes the <see cref="MeteredResponse"/> to
/// <see cref="Completion"/> and the optional callback — also when the client went away mid-stream.
/// </remarks>
internal sealed partial class ResponseUsageMeter : IHttpResponseBodyFeature, IAsyncDisposable, IDisposable
{
    private const int Running = 0;
    private const int Finishing = 1;
    private const int Finished = 2;

    private readonly HttpContext _context;
    private readonly IHttpResponseBodyFeature _inner;
    private readonly bool _stripUsageChunk;
    private readonly MeteredResponseStream _stream;
    private readonly Action<MeteredResponse, object?>? _onCompleted;
    private readonly object? _callbackState;
    private PipeWriter? _writer;
    private bool _modeDecided;
    private int _statusCode;
    private SseUsageScanner? _sse;
    private SseUsageChunkStripper? _stripper;
    private JsonUsageScanner? _json;
    private int _lifecycle;
    private MeteredResponse _result;
    private TaskCompletionSource<MeteredResponse>? _completion;

    private ResponseUsageMeter(HttpContext context, IHttpResponseBodyFeature inner, bool stripUsageChunk,
        Action<MeteredResponse, object?>? onCompleted, object? callbackState)
    {
        _context = context;
        _inner = inner;
        _stripUsageChunk = stripUsageChunk;
        _onCompleted = onCompleted;
        _callbackState = callbackState;
        _stream = new MeteredResponseStream(this);
    }

    /// <summary>
    /// Puts a meter in front of the current response body feature. Call before the response starts
    /// (before the forwarder), and end it with <see cref="FinishAsync"/> in a <c>finally</c>.
    /// </summary>
    /// <param name="context">The proxied request.</param>
    /// <param name="stripUsageChunk">Remove SSE usage-only chunks (the gateway, not the client, asked for usage).</param>
    /// <param name="onCompleted">Called once with the result; pass a static lambda and <paramref name="state"/> to avoid a closure.</param>
    /// <param name="state">Handed to <paramref name="onCompleted"/>.</param>
    public static ResponseUsageMeter Install(HttpContext context, bool stripUsageChunk,
        Action<MeteredResponse, object?>? onCompleted = null, object? state = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inner = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var meter = new ResponseUsageMeter(context, inner, stripUsageChunk, onCompleted, state);
        context.Features.Set<IHttpResponseBodyFeature>(meter);
        return meter;
    }

    /// <summary>How the body is being scanned (None until it starts).</summary>
    public ResponseMeterMode Mode { get; private set; }

    /// <summary>The upstream's usage seen so far, if any.</summary>
    public UsageReport? Usage => _json?.Result ?? _sse?.Usage;

    /// <summary>The result, once <see cref="FinishAsync"/> (or <see cref="CompleteAsync"/>, or disposal) ended metering.</summary>
    public Task<MeteredResponse> Completion
    {
        get
        {
            if (Volatile.Read(ref _lifecycle) == Finished)
            {
                return Task.FromResult(_result);
            }
            // Created only when someone waits, so the common path allocates no task.
            var completion = Volatile.Read(ref _completion)
                ?? Interlocked.CompareExchange(ref _completion, new TaskCompletionSource<MeteredResponse>(TaskCreationOptions.RunContinuationsAsynchronously), null)
                ?? _completion!;
            if (Volatile.Read(ref _lifecycle) == Finished)
            {
                completion.TrySetResult(_result);
            }
            return completion.Task;
        }
    }

    /// <inheritdoc />
    public Stream Stream => _stream;

    /// <inheritdoc />
    public PipeWriter Writer => _writer ??= PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));

    /// <inheritdoc />
    public void DisableBuffering() => _inner.DisableBuffering();

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        DecideMode();
        return _inner.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        DecideMode();
        // A scanned body must see the file's bytes too; otherwise keep the server's zero-copy path.
        return Mode == ResponseMeterMode.None || _lifecycle == Finished
            ? _inner.SendFileAsync(path, offset, count, cancellationToken)
            : SendFileFallback.SendFileAsync(_stream, path, offset, count, cancellationToken);
    }

    /// <summary>Ends the response: finishes metering, then completes the response underneath.</summary>
    public async Task CompleteAsync()
    {
        await FinishCoreAsync().ConfigureAwait(false);
        await _inner.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Ends metering (once; later calls return the same result): flushes what was written through
    /// <see cref="Writer"/>, sends bytes held back by the stripper (an incomplete last event), restores the
    /// previous body feature and publishes the result. Send failures (client gone) are ignored.
    /// </summary>
    public ValueTask<MeteredResponse> FinishAsync() => FinishCoreAsync();

    /// <summary>
    /// Ends metering without I/O: held-back bytes (an event without its blank line, which an SSE client
    /// would drop anyway) and unflushed <see cref="Writer"/> bytes are not sent. Prefer <see cref="FinishAsync"/>.
    /// </summary>
    public MeteredResponse Finish()
    {
        if (Interlocked.CompareExchange(ref _lifecycle, Finishing, Running) == Running)
        {
            AbandonWriter();
            Publish();
        }
        return _result;
    }

    public ValueTask DisposeAsync()
    {
        var finishing = FinishCoreAsync();
        return finishing.IsCompletedSuccessfully ? default : new ValueTask(finishing.AsTask());
    }

    public void Dispose() => Finish();

    private async ValueTask<MeteredResponse> FinishCoreAsync()
    {
        if (Interlocked.CompareExchange(ref _lifecycle, Finishing, Running) != Running)
        {
            return Volatile.Read(ref _lifecycle) == Finished ? _result : await Completion.ConfigureAwait(false);
        }
        try
        {
            if (!_context.RequestAborted.IsCancellationRequested)
            {
                if (_writer is not null)
                {
                    // Bytes still buffered in the pipe pass through the scanner like any other write.
                    await _writer.CompleteAsync().ConfigureAwait(false);
                }
                if (_stripper is { } stripper && !stripper.HeldBytes.IsEmpty)
                {
                    await _inner.Stream.WriteAsync(stripper.HeldMemory).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The client is gone or the response already ended; the usage seen so far still counts.
        }
        finally
        {
            AbandonWriter();
            Publish();
        }
        return _result;
    }

    /// <summary>
    /// Completes the pipe writer without sending what it still buffers (completing with an exception skips
    /// the synchronous flush), so its pooled segments go back even when the response cannot be written.
    /// A writer already completed by <see cref="FinishAsync"/> ignores this.
    /// </summary>
    private void AbandonWriter() => _writer?.Complete(new OperationCanceledException("The response ended before the body writer was flushed."));

    private void Publish()
    {
        var sse = _sse;
        _result = new MeteredResponse(
            Mode,
            _modeDecided ? _statusCode : _context.Response.StatusCode,
            Usage,
            sse?.SawDone ?? false,
            sse?.ErrorType,
            sse?.ContentFragments ?? 0,
            sse?.ContentBytes ?? 0,
            _stripper?.StrippedEvents ?? 0,
            _context.RequestAborted.IsCancellationRequested);

        // Only undo our own installation; something installed after us keeps its place.
        if (ReferenceEquals(_context.Features.Get<IHttpResponseBodyFeature>(), this))
        {
            _context.Features.Set(_inner);
        }
        _stripper?.Dispose();
        _sse?.Dispose();
        _json?.Dispose();

        Volatile.Write(ref _lifecycle, Finished);
        Volatile.Read(ref _completion)?.TrySetResult(_result);
        _onCompleted?.Invoke(_result, _callbackState);
    }
}
