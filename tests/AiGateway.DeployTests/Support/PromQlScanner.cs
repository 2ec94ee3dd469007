using System.Text;

namespace AiGateway.DeployTests.Support;

/// <summary>
/// Finds the series selectors and grouping label lists of a PromQL expression (or a promtool series
/// notation such as <c>name{label="v"}</c>). Not a full parser - promtool checks syntax - but enough to know
/// which metric names and labels an expression relies on. Grafana variables are allowed only where they
/// are in PromQL text anyway: inside strings and ranges (<c>team=~"$team"</c>, <c>[$__rate_interval]</c>).
/// </summary>
internal static class PromQlScanner
{
    private static readonly HashSet<string> GroupingKeywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "offset", "bool", "atan2", "inf", "nan", "start", "end",
    };

    private static readonly string[] MultiCharOperators = ["=~", "!~", "!=", "==", ">=", "<="];

    public static PromQlScan Scan(string expr)
    {
        var errors = new List<string>();
        var tokens = Tokenize(expr, errors);
        var match = MatchParens(tokens, errors);
        var selectors = new List<SeriesSelector>();
        var groupings = new List<GroupingClause>();

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token is { Kind: PromQlTokenKind.Punctuation, Text: "{" })
            {
                errors.Add($"selector without a metric name at token {i} (name every series explicitly)");
                i = SkipTo(tokens, i, "}");
                continue;
            }

            if (token.Kind != PromQlTokenKind.Identifier)
            {
                continue;
            }

            var next = i + 1 < tokens.Count ? tokens[i + 1] : default;
            if (GroupingKeywords.Contains(token.Text))
            {
                i = ReadGrouping(tokens, match, i, groupings, errors);
                continue;
            }

            if (Keywords.Contains(token.Text) || next is { Kind: PromQlTokenKind.Punctuation, Text: "(" })
            {
                continue; // operator keyword, or function / aggregation name
            }

            var matchers = new List<LabelMatcher>();
            var end = i;
            if (next is { Kind: PromQlTokenKind.Punctuation, Text: "{" })
            {
                end = ReadMatchers(tokens, i + 1, matchers, errors);
            }

            selectors.Add(new SeriesSelector(token.Text, matchers, i));
            i = end;
        }

        return new PromQlScan(selectors, groupings, errors);
    }

    private static int ReadGrouping(List<PromQlToken> tokens, Dictionary<int, int> match, int k, List<GroupingClause> groupings, List<string> errors)
    {
        var keyword = tokens[k].Text;
        var labels = new List<string>();
        var close = k;
        if (k + 1 < tokens.Count && tokens[k + 1] is { Kind: PromQlTokenKind.Punctuation, Text: "(" } && match.TryGetValue(k + 1, out close))
        {
            for (var j = k + 2; j < close; j++)
            {
                if (tokens[j].Kind == PromQlTokenKind.Identifier)
                {
                    labels.Add(tokens[j].Text);
                }
                else if (tokens[j] is not { Kind: PromQlTokenKind.Punctuation, Text: "," })
                {
                    errors.Add($"unexpected '{tokens[j].Text}' in the label list of '{keyword}'");
                }
            }
        }
        else if (keyword is not ("group_left" or "group_right"))
        {
            errors.Add($"'{keyword}' without a label list");
            return k;
        }

        if (keyword is "by" or "without")
        {
            if (close + 1 < tokens.Count && tokens[close + 1] is { Kind: PromQlTokenKind.Punctuation, Text: "(" } && match.TryGetValue(close + 1, out var argEnd))
            {
                groupings.Add(new GroupingClause(keyword, labels, close + 2, argEnd - 1));
            }
            else if (k > 0 && tokens[k - 1] is { Kind: PromQlTokenKind.Punctuation, Text: ")" } && match.TryGetValue(k - 1, out var argStart))
            {
                groupings.Add(new GroupingClause(keyword, labels, argStart + 1, k - 2));
            }
            else
            {
                errors.Add($"cannot find the expression '{keyword} ({string.Join(", ", labels)})' aggregates");
            }
        }
        else
        {
            groupings.Add(new GroupingClause(keyword, labels, 0, tokens.Count - 1));
        }

        return close;
    }

    private static int ReadMatchers(List<PromQlToken> tokens, int open, List<LabelMatcher> matchers, List<string> errors)
    {
        var j = open + 1;
        while (j < tokens.Count && tokens[j] is not { Kind: PromQlTokenKind.Punctuation, Text: "}" })
        {
            if (j + 2 < tokens.Count
                && tokens[j].Kind == PromQlTokenKind.Identifier
                && tokens[j + 1] is { Kind: PromQlTokenKind.Punctuation, Text: "=" or "!=" or "=~" or "!~" }
                && tokens[j + 2].Kind == PromQlTokenKind.String)
            {
                matchers.Add(new LabelMatcher(tokens[j].Text, tokens[j + 1].Text, tokens[j + 2].Text));
                j += 3;
                if (j < tokens.Count && tokens[j] is { Kind: PromQlTokenKind.Punctuation, Text: "," })
                {
                    j++;
                }

                continue;
            }

            errors.Add($"cannot read the label matchers of '{tokens[open - 1].Text}' at '{tokens[j].Text}'");
            return SkipTo(tokens, j, "}");
        }

        if (j >= tokens.Count)
        {
            errors.Add($"unclosed '{{' after '{tokens[open - 1].Text}'");
        }

        return j;
    }

    private static int SkipTo(List<PromQlToken> tokens, int from, string punctuation)
    {
        var j = from;
        while (j < tokens.Count && !(tokens[j].Kind == PromQlTokenKind.Punctuation && tokens[j].Text == punctuation))
        {
            j++;
        }

        return j;
    }

    private static Dictionary<int, int> MatchParens(List<PromQlToken> tokens, List<string> errors)
    {
        var match = new Dictionary<int, int>();
        var open = new Stack<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != PromQlTokenKind.Punctuation)
            {
                continue;
            }

            if (tokens[i].Text == "(")
            {
                open.Push(i);
            }
            else if (tokens[i].Text == ")")
            {
                if (open.Count == 0)
                {
                    errors.Add("unbalanced ')'");
                    continue;
                }

                var o = open.Pop();
                match[o] = i;
                match[i] = o;
            }
        }

        if (open.Count > 0)
        {
            errors.Add("unbalanced '('");
        }

        return match;
    }

    private static List<PromQlToken> Tokenize(string s, List<string> errors)
    {
        var tokens = new List<PromQlToken>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#')
            {
                while (i < s.Length && s[i] != '\n')
                {
                    i++;
                }
            }
            else if (char.IsAsciiLetter(c) || c is '_' or ':')
            {
                var start = i;
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or ':'))
                {
                    i++;
                }

                tokens.Add(new PromQlToken(PromQlTokenKind.Identifier, s[start..i]));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])))
            {
                var start = i;
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '.' or '_'
                                        || (s[i] is '+' or '-' && s[i - 1] is 'e' or 'E' && char.IsAsciiDigit(s[start]))))
                {
                    i++;
                }

                tokens.Add(new PromQlToken(PromQlTokenKind.Number, s[start..i]));
            }
            else if (c is '"' or '\'' or '`')
            {
                var sb = new StringBuilder();
                var j = i + 1;
                while (j < s.Length && s[j] != c)
                {
                    if (s[j] == '\\' && c != '`' && j + 1 < s.Length)
                    {
                        j++;
                    }

                    sb.Append(s[j]);
                    j++;
                }

                if (j >= s.Length)
                {
                    errors.Add("unterminated string");
                }

                tokens.Add(new PromQlToken(PromQlTokenKind.String, sb.ToString()));
                i = j + 1;
            }
            else if (c == '[')
            {
                var close = s.IndexOf(']', i);
                if (close < 0)
                {
                    errors.Add("unclosed '['");
                    close = s.Length - 1;
                }

                tokens.Add(new PromQlToken(PromQlTokenKind.Range, s[(i + 1)..close]));
                i = close + 1;
            }
            else if (MultiCharOperators.FirstOrDefault(op => string.CompareOrdinal(s, i, op, 0, 2) == 0) is { } op)
            {
                tokens.Add(new PromQlToken(PromQlTokenKind.Punctuation, op));
                i += 2;
            }
            else if ("(){},=<>+-*/%^@!".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new PromQlToken(PromQlTokenKind.Punctuation, c.ToString()));
                i++;
            }
            else
            {
                errors.Add($"unexpected character '{c}' at {i}");
                i++;
            }
        }

        return tokens;
    }
}
