using System.Text;

namespace AiGateway.UnitTests.Metering;

/// <summary>A response body stand-in that records every write and flush in order.</summary>
internal sealed class SpyStream : Stream
{
    private readonly MemoryStream _content = new();

    /// <summary>"W:&lt;bytes as text&gt;" per write, "F" per flush, in call order.</summary>
    public List<string> Operations { get; } = [];

    public byte[] Content => _content.ToArray();

    public string Text => Encoding.UTF8.GetString(Content);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _content.Length;

    public override long Position
    {
        get => _content.Position;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Operations.Add("W:" + Encoding.UTF8.GetString(buffer));
        _content.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return default;
    }

    public override void Flush() => Operations.Add("F");

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Operations.Add("F");
        return Task.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _content.Dispose();
        }
        base.Dispose(disposing);
    }
}
