using System.Globalization;
using System.Text;

namespace AiGateway.VaultDouble;

/// <summary>
/// Splits HCL (version 1, as Vault parses policies) into tokens: identifiers, double-quoted strings with escapes,
/// numbers and punctuation; skips <c>#</c>, <c>//</c> and <c>/* */</c> comments. Heredocs are not supported.
/// </summary>
internal sealed class HclTokenizer(string source, string sourceName)
{
    private int _position;
    private int _line = 1;
    private int _column = 1;

    public List<HclToken> Tokenize()
    {
        var tokens = new List<HclToken>();
        while (true)
        {
            SkipTrivia();
            if (_position >= source.Length)
            {
                tokens.Add(new HclToken(HclTokenKind.End, "", _line, _column));
                return tokens;
            }

            tokens.Add(Next());
        }
    }

    private HclToken Next()
    {
        var (line, column) = (_line, _column);
        var c = source[_position];
        HclTokenKind? punctuation = c switch
        {
            '=' => HclTokenKind.Equals,
            ':' => HclTokenKind.Colon,
            ',' => HclTokenKind.Comma,
            '{' => HclTokenKind.OpenBrace,
            '}' => HclTokenKind.CloseBrace,
            '[' => HclTokenKind.OpenBracket,
            ']' => HclTokenKind.CloseBracket,
            _ => null,
        };
        if (punctuation is { } kind)
        {
            Advance();
            return new HclToken(kind, c.ToString(), line, column);
        }

        if (c == '"')
        {
            return new HclToken(HclTokenKind.String, ReadString(), line, column);
        }

        if (c == '<' && Peek(1) == '<')
        {
            throw Error(line, column, "heredoc strings (<<) are not supported by the Vault test double's HCL parser");
        }

        if (char.IsAsciiDigit(c) || (c == '-' && char.IsAsciiDigit(Peek(1))))
        {
            return new HclToken(HclTokenKind.Number, ReadWhile(static ch => char.IsAsciiDigit(ch) || ch is '.' or '-' or 'e' or 'E' or '+'), line, column);
        }

        if (char.IsLetter(c) || c == '_')
        {
            return new HclToken(HclTokenKind.Identifier, ReadWhile(static ch => char.IsLetterOrDigit(ch) || ch is '_' or '-' or '.'), line, column);
        }

        throw Error(line, column, $"unexpected character '{c}'");
    }

    private string ReadString()
    {
        var (line, column) = (_line, _column);
        Advance(); // opening quote
        var text = new StringBuilder();
        while (true)
        {
            if (_position >= source.Length || source[_position] == '\n')
            {
                throw Error(line, column, "string literal not terminated");
            }

            var c = source[_position];
            if (c == '"')
            {
                Advance();
                return text.ToString();
            }

            if (c != '\\')
            {
                text.Append(c);
                Advance();
                continue;
            }

            var (escapeLine, escapeColumn) = (_line, _column);
            Advance();
            var escaped = _position < source.Length ? source[_position] : '\0';
            Advance();
            switch (escaped)
            {
                case '"': text.Append('"'); break;
                case '\\': text.Append('\\'); break;
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case 'r': text.Append('\r'); break;
                case 'u': text.Append(ReadUnicode(4, escapeLine, escapeColumn)); break;
                case 'U': text.Append(ReadUnicode(8, escapeLine, escapeColumn)); break;
                default: throw Error(escapeLine, escapeColumn, $"unknown escape sequence '\\{escaped}'");
            }
        }
    }

    private string ReadUnicode(int digits, int line, int column)
    {
        if (_position + digits > source.Length
            || !int.TryParse(source.AsSpan(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var codePoint)
            || codePoint > 0x10FFFF)
        {
            throw Error(line, column, $"invalid unicode escape: expected {digits} hex digits");
        }

        for (var i = 0; i < digits; i++)
        {
            Advance();
        }

        return char.ConvertFromUtf32(codePoint);
    }

    private void SkipTrivia()
    {
        while (_position < source.Length)
        {
            var c = source[_position];
            if (char.IsWhiteSpace(c))
            {
                Advance();
            }
            else if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (_position < source.Length && source[_position] != '\n')
                {
                    Advance();
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var (line, column) = (_line, _column);
                Advance();
                Advance();
                while (!(_position < source.Length && source[_position] == '*' && Peek(1) == '/'))
                {
                    if (_position >= source.Length)
                    {
                        throw Error(line, column, "comment not terminated (missing */)");
                    }

                    Advance();
                }

                Advance();
                Advance();
            }
            else
            {
                return;
            }
        }
    }

    private string ReadWhile(Func<char, bool> accept)
    {
        var start = _position;
        while (_position < source.Length && accept(source[_position]))
        {
            Advance();
        }

        return source[start.._position];
    }

    private char Peek(int offset) => _position + offset < source.Length ? source[_position + offset] : '\0';

    private void Advance()
    {
        if (_position < source.Length && source[_position] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _position++;
    }

    private FormatException Error(int line, int column, string message) => HclErrors.At(sourceName, line, column, message);
}
