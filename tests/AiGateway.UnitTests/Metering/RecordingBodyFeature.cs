using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace AiGateway.UnitTests.Metering;

/// <summary>A server body feature stand-in that records which of its members were called.</summary>
internal sealed class RecordingBodyFeature : IHttpResponseBodyFeature
{
    public RecordingBodyFeature(SpyStream stream)
    {
        Spy = stream;
        Writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public SpyStream Spy { get; }

    public List<string> Calls { get; } = [];

    public Stream Stream => Spy;

    public PipeWriter Writer { get; }

    public void DisableBuffering() => Calls.Add(nameof(DisableBuffering));

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        Calls.Add(nameof(StartAsync));
        return Task.CompletedTask;
    }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        Calls.Add(nameof(SendFileAsync));
        return Task.CompletedTask;
    }

    public Task CompleteAsync()
    {
        Calls.Add(nameof(CompleteAsync));
        return Task.CompletedTask;
    }
}
