using System.Buffers;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace AiGateway.Limits.Estimation;

/// <summary>
/// <see cref="ITextMeasure"/> with a tiktoken tokenizer. Each string is unescaped and transcoded straight into a
/// pooled UTF-16 buffer (no <see cref="string"/> is created) and counted through
/// <see cref="ChunkedTokenCounter"/>. Dispose to return the buffer.
/// </summary>
/// <remarks>
/// Tokenizing costs up to a microsecond per token, so one request tokenizes at most
/// <see cref="CharBudget"/> characters exactly (about a quarter of a million tokens, beyond every context window);
/// strings past that budget are estimated with <see cref="FastTokenHeuristic"/>.
/// </remarks>
internal struct ExactTextMeasure : ITextMeasure, IDisposable
{
    /// <summary>Characters one request may tokenize before the rest is estimated.</summary>
    public const int CharBudget = 1 << 20;

    private readonly Tokenizer _tokenizer;
    private readonly int _functionInit;
    private char[]? _buffer;
    private int _budget;

    public ExactTextMeasure(Tokenizer tokenizer, int functionInit)
    {
        _tokenizer = tokenizer;
        _functionInit = functionInit;
        _budget = CharBudget;
    }

    public readonly int FunctionInit => _functionInit;

    public int Count(ref Utf8JsonReader reader)
    {
        // A UTF-8 or escaped string never has more UTF-16 code units than bytes.
        var maxChars = reader.ValueSpan.Length;
        if (maxChars == 0)
        {
            return 0;
        }

        if (maxChars > _budget)
        {
            return FastTokenHeuristic.Count(reader.ValueSpan);
        }

        var buffer = Rent(maxChars);
        var length = reader.CopyString(buffer);
        return CountChars(buffer.AsSpan(0, length));
    }

    public int CountRole(ref Utf8JsonReader reader) => Count(ref reader);

    public int CountLine(ReadOnlySpan<byte> body, ReadOnlySpan<JsonStringRef> parts)
    {
        var maxChars = parts.Length - 1;
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].TryRead(body, out var reader))
            {
                maxChars += reader.ValueSpan.Length;
            }
        }

        if (maxChars > _budget)
        {
            return FastTokenHeuristic.ToTokens(maxChars * (long)FastTokenHeuristic.SymbolByteMilli);
        }

        var buffer = Rent(maxChars);
        var length = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                buffer[length++] = ':';
            }

            var partStart = length;
            if (parts[i].TryRead(body, out var reader))
            {
                length += reader.CopyString(buffer.AsSpan(length));
            }

            // The cookbook strips one trailing period from the description (the last part).
            if (i == parts.Length - 1 && length > partStart && buffer[length - 1] == '.')
            {
                length--;
            }
        }

        return CountChars(buffer.AsSpan(0, length));
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private int CountChars(ReadOnlySpan<char> text)
    {
        _budget -= text.Length;
        return ChunkedTokenCounter.Count(_tokenizer, text);
    }

    private char[] Rent(int minimumLength)
    {
        if (_buffer is null || _buffer.Length < minimumLength)
        {
            Dispose();
            _buffer = ArrayPool<char>.Shared.Rent(Math.Max(minimumLength, 1024));
        }

        return _buffer;
    }
}
