using System.Buffers;

namespace AiGateway.Metering;

/// <summary>Splicing: the recorded edits are applied in one copy of the original body.</summary>
internal static partial class RequestBodyRewriter
{
    /// <summary>Longest text any single edit writes (a member with the longest key and a 10-digit value).</summary>
    private const int MaxEditBytes = 64;

    private static Storage.PooledBytes Render(ReadOnlySpan<byte> body, in Leading leading, ReadOnlySpan<Edit> edits, bool applyStreamEdits)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(body.Length + (edits.Length + 2) * MaxEditBytes);
        try
        {
            var output = buffer.AsSpan();
            var copied = 0;
            var written = 0;

            body[..leading.Position].CopyTo(output);
            copied = written = leading.Position;
            written += WriteLeading(output[written..], leading);

            foreach (var edit in edits)
            {
                if (edit.StreamOnly && !applyStreamEdits)
                {
                    continue;
                }
                body[copied..edit.Start].CopyTo(output[written..]);
                written += edit.Start - copied;
                written += WriteEdit(output[written..], edit);
                copied = edit.Start + edit.RemoveLength;
            }
            body[copied..].CopyTo(output[written..]);
            written += body.Length - copied;
            return new Storage.PooledBytes(buffer, written);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static int WriteLeading(Span<byte> output, in Leading leading)
    {
        var written = 0;
        if (leading.CapField is { } field)
        {
            written += Append(output, field == OutputCapField.MaxCompletionTokens ? "\"max_completion_tokens\":"u8 : "\"max_tokens\":"u8);
            written += WriteNumber(output[written..], leading.CapValue);
        }
        if (leading.StreamOptions)
        {
            if (written > 0)
            {
                written += Append(output[written..], ","u8);
            }
            written += Append(output[written..], "\"stream_options\":{\"include_usage\":true}"u8);
        }
        if (written > 0 && leading.ObjectHasMembers)
        {
            written += Append(output[written..], ","u8);
        }
        return written;
    }

    private static int WriteEdit(Span<byte> output, in Edit edit) => edit.Kind switch
    {
        EditKind.Number => WriteNumber(output, edit.Value),
        EditKind.True => Append(output, "true"u8),
        EditKind.StreamOptionsObject => Append(output, "{\"include_usage\":true}"u8),
        _ => Append(output, edit.Value != 0 ? "\"include_usage\":true,"u8 : "\"include_usage\":true"u8),
    };

    private static int Append(Span<byte> output, ReadOnlySpan<byte> text)
    {
        text.CopyTo(output);
        return text.Length;
    }

    private static int WriteNumber(Span<byte> output, int value)
    {
        value.TryFormat(output, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }

    private enum EditKind : byte
    {
        /// <summary>Write <see cref="Edit.Value"/> as a number.</summary>
        Number,

        /// <summary>Write <c>true</c>.</summary>
        True,

        /// <summary>Write <c>{"include_usage":true}</c> (over a <c>null</c> stream_options).</summary>
        StreamOptionsObject,

        /// <summary>Insert <c>"include_usage":true</c> as the first member (comma when <see cref="Edit.Value"/> is 1).</summary>
        IncludeUsageMember,
    }

    /// <summary>Replace <see cref="RemoveLength"/> bytes at <see cref="Start"/> with the edit's text.</summary>
    private readonly record struct Edit(int Start, int RemoveLength, EditKind Kind, int Value, bool StreamOnly);

    /// <summary>Members inserted right after the root's opening brace.</summary>
    private readonly record struct Leading(int Position, OutputCapField? CapField, int CapValue, bool StreamOptions, bool ObjectHasMembers);

    /// <summary>Edits in body order, on the stack unless a body repeats keys many times.</summary>
    private ref struct EditList
    {
        private Span<Edit> _items;
        private Edit[]? _rented;
        private int _count;

        public EditList(Span<Edit> initial)
        {
            _items = initial;
            _rented = null;
            _count = 0;
        }

        public readonly bool HasStreamOnly
        {
            get
            {
                foreach (var edit in _items[.._count])
                {
                    if (edit.StreamOnly)
                    {
                        return true;
                    }
                }
                return false;
            }
        }

        public readonly bool HasEffectiveEdits(bool applyStreamEdits)
        {
            foreach (var edit in _items[.._count])
            {
                if (!edit.StreamOnly || applyStreamEdits)
                {
                    return true;
                }
            }
            return false;
        }

        public readonly ReadOnlySpan<Edit> AsSpan() => _items[.._count];

        public void Add(Edit edit)
        {
            if (_count == _items.Length)
            {
                Grow();
            }
            _items[_count++] = edit;
        }

        /// <summary>Adds an edit found out of body order, keeping the list sorted by position.</summary>
        public void Insert(Edit edit)
        {
            Add(edit);
            var i = _count - 1;
            while (i > 0 && _items[i - 1].Start > edit.Start)
            {
                _items[i] = _items[i - 1];
                i--;
            }
            _items[i] = edit;
        }

        public void Dispose()
        {
            if (_rented is not null)
            {
                ArrayPool<Edit>.Shared.Return(_rented);
                _rented = null;
            }
        }

        private void Grow()
        {
            var larger = ArrayPool<Edit>.Shared.Rent(_items.Length * 2);
            _items.CopyTo(larger);
            if (_rented is not null)
            {
                ArrayPool<Edit>.Shared.Return(_rented);
            }
            _rented = larger;
            _items = larger;
        }
    }
}
