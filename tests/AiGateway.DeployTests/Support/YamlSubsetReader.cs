using System.Globalization;
using System.Text;

namespace AiGateway.DeployTests.Support;

/// <summary>
/// Reads the block-style YAML that Prometheus rule and rule-test files are written in, into
/// <see cref="Dictionary{TKey,TValue}"/> (mappings), <see cref="List{T}"/> (sequences) and strings (every
/// scalar, untyped). Supported: block mappings and sequences (including <c>- key: value</c> items), plain,
/// single- and double-quoted scalars on one line, plain scalars continued on more-indented lines, literal and
/// folded block scalars (<c>|</c>, <c>&gt;</c>, with <c>-</c>/<c>+</c> chomping), empty flow collections
/// (<c>[]</c>, <c>{}</c>) and comments. Anything else (anchors, tags, flow content, multi-line quoted
/// scalars) throws <see cref="FormatException"/> naming the line, so a file using it fails the tests loudly
/// rather than being half-read. promtool checks the same files with a real YAML parser.
/// </summary>
internal sealed class YamlSubsetReader
{
    private readonly List<(int Indent, string Text, int Number)> _lines = [];
    private int _pos;

    private YamlSubsetReader(string text)
    {
        var raw = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < raw.Length; i++)
        {
            var line = raw[i];
            if (line.Contains('\t', StringComparison.Ordinal) && line.TrimStart(' ').StartsWith('\t'))
            {
                throw new FormatException($"line {i + 1}: tab indentation");
            }

            var indent = line.Length - line.TrimStart(' ').Length;
            _lines.Add((indent, line[indent..], i + 1));
        }
    }

    /// <summary>Parses one YAML document.</summary>
    public static object? Parse(string text)
    {
        var reader = new YamlSubsetReader(text);
        reader.SkipInsignificant();
        if (reader.AtEnd)
        {
            return null;
        }

        var node = reader.ParseNode(reader.Current.Indent);
        reader.SkipInsignificant();
        if (!reader.AtEnd)
        {
            throw new FormatException($"line {reader.Current.Number}: unexpected content (indentation?)");
        }

        return node;
    }

    /// <summary>
    /// Parses a stream of documents separated by <c>---</c> lines, as <c>kubectl kustomize</c> prints them; empty
    /// documents are skipped. Line numbers in errors count from the start of the document.
    /// </summary>
    public static IReadOnlyList<object> ParseDocuments(string text)
    {
        var documents = new List<object>();
        var current = new StringBuilder();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line == "---" || line.StartsWith("--- ", StringComparison.Ordinal))
            {
                AddDocument(documents, current);
                continue;
            }

            current.Append(line).Append('\n');
        }

        AddDocument(documents, current);
        return documents;
    }

    private static void AddDocument(List<object> documents, StringBuilder text)
    {
        if (Parse(text.ToString()) is { } document)
        {
            documents.Add(document);
        }

        text.Clear();
    }

    private bool AtEnd => _pos >= _lines.Count;

    private (int Indent, string Text, int Number) Current => _lines[_pos];

    private void SkipInsignificant()
    {
        while (!AtEnd && (Current.Text.Length == 0 || Current.Text.StartsWith('#')))
        {
            _pos++;
        }
    }

    private object? ParseNode(int indent)
    {
        var text = Current.Text;
        if (text.StartsWith('&') || text.StartsWith('*') || text.StartsWith('!') || text.StartsWith("---", StringComparison.Ordinal))
        {
            throw new FormatException($"line {Current.Number}: anchors, aliases, tags and documents are not supported");
        }

        return IsSequenceItem(text) ? ParseSequence(indent) : ParseMapping(indent);
    }

    private static bool IsSequenceItem(string text) => text == "-" || text.StartsWith("- ", StringComparison.Ordinal);

    private List<object?> ParseSequence(int indent)
    {
        var items = new List<object?>();
        while (true)
        {
            SkipInsignificant();
            if (AtEnd || Current.Indent != indent || !IsSequenceItem(Current.Text))
            {
                if (!AtEnd && Current.Indent > indent)
                {
                    throw new FormatException($"line {Current.Number}: unexpected indentation in a sequence");
                }

                return items;
            }

            var (_, text, number) = Current;
            var rest = text[1..].TrimStart(' ');
            if (rest.Length == 0 || rest.StartsWith('#'))
            {
                _pos++;
                SkipInsignificant();
                items.Add(!AtEnd && Current.Indent > indent ? ParseNode(Current.Indent) : null);
                continue;
            }

            var childIndent = indent + (text.Length - rest.Length);
            if (IsSequenceItem(rest) || FindKeySeparator(rest) >= 0)
            {
                // "- key: value" (or "- - item"): the rest of the line opens a nested collection at its column.
                _lines[_pos] = (childIndent, rest, number);
                items.Add(ParseNode(childIndent));
            }
            else
            {
                items.Add(ParseValue(rest, indent, number));
            }
        }
    }

    private Dictionary<string, object?> ParseMapping(int indent)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipInsignificant();
            if (AtEnd || Current.Indent < indent || (Current.Indent == indent && IsSequenceItem(Current.Text)))
            {
                return map;
            }

            var (lineIndent, text, number) = Current;
            if (lineIndent > indent)
            {
                throw new FormatException($"line {number}: unexpected indentation in a mapping");
            }

            var colon = FindKeySeparator(text);
            if (colon < 0)
            {
                throw new FormatException($"line {number}: expected 'key: value'");
            }

            var key = text[..colon].Trim();
            if (key.Length == 0 || key[0] is '"' or '\'' or '?' or '[' or '{')
            {
                throw new FormatException($"line {number}: only plain keys are supported");
            }

            if (!map.TryAdd(key, null))
            {
                throw new FormatException($"line {number}: duplicate key '{key}'");
            }

            var rest = text[(colon + 1)..].Trim(' ');
            if (rest.Length == 0 || rest.StartsWith('#'))
            {
                _pos++;
                SkipInsignificant();
                if (!AtEnd && (Current.Indent > indent || (Current.Indent == indent && IsSequenceItem(Current.Text))))
                {
                    map[key] = ParseNode(Current.Indent);
                }

                continue;
            }

            map[key] = ParseValue(rest, indent, number);
        }
    }

    /// <summary>A scalar after "key:" or "- " on the current line; consumes that line and any continuation.</summary>
    private object? ParseValue(string rest, int parentIndent, int number)
    {
        _pos++;
        if (rest[0] is '|' or '>')
        {
            return ParseBlockScalar(rest, parentIndent, number);
        }

        if (rest[0] is '[' or '{')
        {
            var body = StripComment(rest);
            return body switch
            {
                "[]" => new List<object?>(),
                "{}" => new Dictionary<string, object?>(StringComparer.Ordinal),
                _ => throw new FormatException($"line {number}: only empty flow collections ([] and {{}}) are supported"),
            };
        }

        if (rest[0] is '&' or '*' or '!')
        {
            throw new FormatException($"line {number}: anchors, aliases and tags are not supported");
        }

        if (rest[0] is '"' or '\'')
        {
            var (value, end) = rest[0] == '"' ? ReadDoubleQuoted(rest, number) : ReadSingleQuoted(rest, number);
            var after = rest[end..].Trim(' ');
            if (after.Length > 0 && !after.StartsWith('#'))
            {
                throw new FormatException($"line {number}: text after a quoted scalar");
            }

            return value;
        }

        var plain = new StringBuilder(StripComment(rest));
        while (!AtEnd && Current.Text.Length > 0 && Current.Indent > parentIndent && !Current.Text.StartsWith('#'))
        {
            plain.Append(' ').Append(StripComment(Current.Text));
            _pos++;
        }

        return plain.ToString();
    }

    private string ParseBlockScalar(string header, int parentIndent, int number)
    {
        var indicator = StripComment(header);
        var folded = indicator[0] == '>';
        var chomp = indicator.Length > 1 ? indicator[1..] : string.Empty;
        if (chomp is not ("" or "-" or "+"))
        {
            throw new FormatException($"line {number}: block scalar indicator '{indicator}' is not supported");
        }

        var lines = new List<string>();
        int? blockIndent = null;
        while (!AtEnd)
        {
            var (indent, text, _) = Current;
            if (text.Length > 0)
            {
                blockIndent ??= indent;
                if (indent < blockIndent || indent <= parentIndent)
                {
                    break;
                }
            }

            lines.Add(text.Length == 0 ? string.Empty : new string(' ', indent - blockIndent!.Value) + text);
            _pos++;
        }

        var trailingBlank = 0;
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
            trailingBlank++;
        }

        string body;
        if (!folded)
        {
            body = string.Join('\n', lines);
        }
        else
        {
            // Folding: a line break between two text lines becomes a space; each empty line is a newline;
            // lines indented more than the block keep their line breaks.
            var sb = new StringBuilder(lines.Count > 0 ? lines[0] : string.Empty);
            for (var i = 1; i < lines.Count; i++)
            {
                var (prev, line) = (lines[i - 1], lines[i]);
                if (line.Length == 0)
                {
                    sb.Append('\n');
                }
                else if (prev.Length == 0)
                {
                    sb.Append(line);
                }
                else
                {
                    sb.Append(line.StartsWith(' ') || prev.StartsWith(' ') ? '\n' : ' ').Append(line);
                }
            }

            body = sb.ToString();
        }

        return chomp switch
        {
            "-" => body,
            "+" => body + new string('\n', trailingBlank + (lines.Count > 0 ? 1 : 0)),
            _ => lines.Count > 0 ? body + "\n" : body,
        };
    }

    /// <summary>Index of the ':' ending a plain key ("key:" followed by a space or the end), or -1.</summary>
    private static int FindKeySeparator(string text)
    {
        if (text.Length == 0 || text[0] is '"' or '\'' or '#')
        {
            return -1;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '#' && i > 0 && text[i - 1] == ' ')
            {
                return -1;
            }

            if (text[i] == ':' && (i + 1 == text.Length || text[i + 1] == ' '))
            {
                return i;
            }
        }

        return -1;
    }

    private static string StripComment(string text)
    {
        var hash = text.IndexOf(" #", StringComparison.Ordinal);
        return (hash >= 0 ? text[..hash] : text).Trim(' ');
    }

    private static (string Value, int End) ReadSingleQuoted(string text, int number)
    {
        var sb = new StringBuilder();
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] != '\'')
            {
                sb.Append(text[i]);
            }
            else if (i + 1 < text.Length && text[i + 1] == '\'')
            {
                sb.Append('\'');
                i++;
            }
            else
            {
                return (sb.ToString(), i + 1);
            }
        }

        throw new FormatException($"line {number}: unterminated single-quoted scalar (multi-line scalars are not supported)");
    }

    private static (string Value, int End) ReadDoubleQuoted(string text, int number)
    {
        var sb = new StringBuilder();
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return (sb.ToString(), i + 1);
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (++i >= text.Length)
            {
                break;
            }

            switch (text[i])
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'u' when i + 4 < text.Length:
                    sb.Append((char)int.Parse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: throw new FormatException($"line {number}: escape '\\{text[i]}' is not supported");
            }
        }

        throw new FormatException($"line {number}: unterminated double-quoted scalar (multi-line scalars are not supported)");
    }
}
