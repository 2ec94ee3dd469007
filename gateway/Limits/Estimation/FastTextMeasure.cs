using System.Buffers;
using System.Text.Json;

namespace AiGateway.Limits.Estimation;

/// <summary>
/// <see cref="ITextMeasure"/> over <see cref="FastTokenHeuristic"/>. Unescaped strings are measured in place in the
/// body; escaped ones (<c>\n</c>, <c>\"</c>, <c>\uXXXX</c>) are first unescaped into a pooled buffer, because a
/// serializer that escapes every non-ASCII character would otherwise make CJK text look like six ASCII bytes per
/// character. Dispose to return the buffer.
/// </summary>
internal struct FastTextMeasure : ITextMeasure, IDisposable
{
    // Tool function constant: the larger cookbook value (cl100k models), as the fast estimator does not know the model.
    private const int FunctionInitTokens = 10;

    // Longest role value answered with one token without measuring ("assistant", "developer" are 9 bytes).
    private const int MaxRoleBytes = 16;

    private byte[]? _buffer;

    public readonly int FunctionInit => FunctionInitTokens;

    public int Count(ref Utf8JsonReader reader) => FastTokenHeuristic.ToTokens(MeasureMilli(ref reader));

    public int CountRole(ref Utf8JsonReader reader)
    {
        var length = reader.ValueSpan.Length;
        return length is > 0 and <= MaxRoleBytes ? 1 : Count(ref reader);
    }

    public int CountLine(ReadOnlySpan<byte> body, ReadOnlySpan<JsonStringRef> parts)
    {
        // The ':' separators are symbol bytes; a trailing '.' on the last part is dropped.
        long milli = (parts.Length - 1) * (long)FastTokenHeuristic.SymbolByteMilli;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!parts[i].TryRead(body, out var reader))
            {
                continue;
            }

            var text = Unescaped(ref reader);
            if (i == parts.Length - 1 && text.Length > 0 && text[^1] == (byte)'.')
            {
                text = text[..^1];
            }

            milli += FastTokenHeuristic.MeasureMilli(text);
        }

        return FastTokenHeuristic.ToTokens(milli);
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private long MeasureMilli(ref Utf8JsonReader reader) => FastTokenHeuristic.MeasureMilli(Unescaped(ref reader));

    private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        // Unescaping never lengthens a string.
        var needed = reader.ValueSpan.Length;
        if (_buffer is null || _buffer.Length < needed)
        {
            Dispose();
            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 1024));
        }

        var written = reader.CopyString(_buffer);
        return _buffer.AsSpan(0, written);
    }
}
