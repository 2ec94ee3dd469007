using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace AiGateway.UpstreamSimulator;

/// <summary>
/// Writes server-sent events (<c>data: &lt;json&gt;\n\n</c>) straight into the response pipe, reusing one
/// <see cref="Utf8JsonWriter"/> for the whole stream.
/// </summary>
internal sealed class SseEventWriter(PipeWriter pipe) : IDisposable
{
    private readonly Utf8JsonWriter _json = new(pipe, SimulatorJson.WriterOptions);

    /// <summary>Starts an event; write exactly one JSON value to the returned writer, then call <see cref="EndEvent"/>.</summary>
    public Utf8JsonWriter BeginEvent()
    {
        pipe.Write("data: "u8);
        _json.Reset();
        return _json;
    }

    public void EndEvent()
    {
        // The JSON writer must hand its bytes to the pipe before the terminator goes in behind them.
        _json.Flush();
        pipe.Write("\n\n"u8);
    }

    public void WriteDone() => pipe.Write("data: [DONE]\n\n"u8);

    /// <summary>Sends buffered events now (no buffering between simulator and client); false once the client is gone.</summary>
    public async ValueTask<bool> FlushAsync(CancellationToken cancellationToken)
    {
        var result = await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
        return !result.IsCompleted && !result.IsCanceled;
    }

    public void Dispose() => _json.Dispose();
}
