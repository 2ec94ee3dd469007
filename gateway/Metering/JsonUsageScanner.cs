using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AiGateway.Metering;

/// <summary>
/// Finds the top-level <c>usage</c> object of a non-streaming JSON response (chat, completions,
/// embeddings) while the body passes through in chunks split at any byte. A small tokenizer tracks only
/// nesting depth, string/escape state and which top-level key is current, so memory stays bounded no
/// matter how large the body is: the only bytes kept are the raw value of a top-level <c>usage</c> key
/// (at most <see cref="MaxUsageBytes"/>), which <see cref="Utf8JsonReader"/> parses once it is complete.
/// Text that merely looks like <c>"usage"</c> inside strings or nested objects never matches.
/// </summary>
internal sealed class JsonUsageScanner : IDisposable
{
    /// <summary>A real usage object is a few hundred bytes; anything longer is not trusted and ignored.</summary>
    internal const int MaxUsageBytes = 4 * 1024;

    private const int MaxKeyBytes = 32;

    private static readonly SearchValues<byte> StringSpecials = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[],:"u8);

    private int _depth;
    private bool _inString;
    private bool _escape;
    private bool _done;
    private bool _expectKey;
    private bool _readingKey;
    private bool _keyIsUsage;
    private int _keyLength;
    private KeyBuffer _key;
    private bool _capturing;
    private bool _captureOverflow;
    private byte[]? _capture;
    private int _captureLength;

    /// <summary>
    /// The usage of the last complete top-level <c>usage</c> object seen (duplicates: last wins, as JSON
    /// parsers do); null when there was none, it was <c>null</c>, malformed, or over the size bound.
    /// </summary>
    public UsageReport? Result { get; private set; }

    /// <summary>Feeds the next bytes of the body. Bytes after the root object closes are ignored.</summary>
    public void Append(ReadOnlySpan<byte> chunk)
    {
        var i = 0;
        while (i < chunk.Length && !_done)
        {
            if (_inString)
            {
                if (_escape)
                {
                    // The escaped byte (even a quote) is string content; \uXXXX digits need no special case.
                    _escape = false;
                    Feed(chunk.Slice(i, 1));
                    i++;
                    continue;
                }
                var rest = chunk[i..];
                var k = rest.IndexOfAny(StringSpecials);
                if (k < 0)
                {
                    Feed(rest);
                    return;
                }
                Feed(rest[..k]);
                i += k + 1;
                if (rest[k] == (byte)'\\')
                {
                    Feed(rest.Slice(k, 1));
                    _escape = true;
                }
                else
                {
                    _inString = false;
                    if (_readingKey)
                    {
                        EndKey();
                    }
                    else
                    {
                        Feed(rest.Slice(k, 1));
                    }
                }
            }
            else
            {
                var rest = chunk[i..];
                var k = rest.IndexOfAny(Structural);
                if (k < 0)
                {
                    Feed(rest);
                    return;
                }
                Feed(rest[..k]);
                i += k + 1;
                OnStructural(rest[k], rest.Slice(k, 1));
            }
        }
    }

    /// <summary>Forgets everything, ready for another body; returns any pooled buffer.</summary>
    public void Reset()
    {
        ReturnCapture();
        _depth = 0;
        _inString = _escape = _done = _expectKey = _readingKey = _keyIsUsage = _capturing = _captureOverflow = false;
        _keyLength = 0;
        Result = null;
    }

    public void Dispose() => ReturnCapture();

    private void OnStructural(byte b, ReadOnlySpan<byte> self)
    {
        switch (b)
        {
            case (byte)'"':
                _inString = true;
                if (_depth == 1 && _expectKey)
                {
                    _readingKey = true;
                    _expectKey = false;
                    _keyLength = 0;
                }
                else
                {
                    Feed(self);
                }
                break;
            case (byte)'{' or (byte)'[':
                if (_depth == 0 && b == (byte)'[')
                {
                    // Not an object at the root: no top-level usage to find.
                    _done = true;
                    return;
                }
                Feed(self);
                _depth++;
                _expectKey = _depth == 1;
                break;
            case (byte)'}' or (byte)']':
                if (_depth == 1)
                {
                    // The root closes: a usage value still being captured ends here.
                    EndCapture();
                    _done = true;
                    return;
                }
                Feed(self);
                _depth = Math.Max(_depth - 1, 0);
                break;
            case (byte)',':
                if (_depth == 1)
                {
                    EndCapture();
                    _expectKey = true;
                    return;
                }
                Feed(self);
                break;
            default: // ':'
                if (_depth == 1 && _keyIsUsage)
                {
                    _keyIsUsage = false;
                    StartCapture();
                    return;
                }
                Feed(self);
                break;
        }
    }

    /// <summary>Routes content bytes to whichever of key and value is being collected.</summary>
    private void Feed(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }
        if (_readingKey)
        {
            if (_keyLength + bytes.Length <= MaxKeyBytes)
            {
                bytes.CopyTo(((Span<byte>)_key)[_keyLength..]);
            }
            _keyLength = Math.Min(_keyLength + bytes.Length, MaxKeyBytes + 1);
        }
        else if (_capturing && !_captureOverflow)
        {
            if (_captureLength + bytes.Length > MaxUsageBytes)
            {
                _captureOverflow = true;
                return;
            }
            bytes.CopyTo(_capture.AsSpan(_captureLength));
            _captureLength += bytes.Length;
        }
    }

    private void EndKey()
    {
        _readingKey = false;
        _keyIsUsage = _keyLength <= MaxKeyBytes && IsUsageKey(((ReadOnlySpan<byte>)_key)[.._keyLength]);
    }

    private static bool IsUsageKey(ReadOnlySpan<byte> raw)
    {
        if (raw.SequenceEqual("usage"u8))
        {
            return true;
        }
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return false;
        }
        // An escaped key ("\u0075sage") still names usage; let the reader unescape it.
        Span<byte> quoted = stackalloc byte[MaxKeyBytes + 2];
        quoted[0] = (byte)'"';
        raw.CopyTo(quoted[1..]);
        quoted[raw.Length + 1] = (byte)'"';
        var reader = new Utf8JsonReader(quoted[..(raw.Length + 2)]);
        try
        {
            return reader.Read() && reader.ValueTextEquals("usage"u8);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void StartCapture()
    {
        _capture ??= ArrayPool<byte>.Shared.Rent(MaxUsageBytes);
        _capturing = true;
        _captureOverflow = false;
        _captureLength = 0;
    }

    private void EndCapture()
    {
        if (!_capturing)
        {
            return;
        }
        _capturing = false;
        Result = _captureOverflow ? null : Parse(_capture.AsSpan(0, _captureLength));
        ReturnCapture();
    }

    private static UsageReport? Parse(ReadOnlySpan<byte> value)
    {
        var reader = new Utf8JsonReader(value);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject
                ? UsageObjectReader.Read(ref reader)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void ReturnCapture()
    {
        var capture = _capture;
        _capture = null;
        if (capture is not null)
        {
            ArrayPool<byte>.Shared.Return(capture);
        }
    }

    /// <summary>Inline storage for the current top-level key, so finding <c>usage</c> allocates nothing.</summary>
    [InlineArray(MaxKeyBytes)]
    private struct KeyBuffer
    {
        private byte _element;
    }
}
