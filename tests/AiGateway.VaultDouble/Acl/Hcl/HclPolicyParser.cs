namespace AiGateway.VaultDouble;

/// <summary>
/// Parses a Vault ACL policy: <c>path "pattern" { capabilities = [...] }</c> blocks, the legacy
/// <c>policy = "read"</c> form, and the other keys Vault accepts in a path block (parameters, wrapping TTLs,
/// control groups, MFA), which the double reads but does not enforce. Anything else is an error with its line.
/// </summary>
internal sealed class HclPolicyParser
{
    // Keys Vault's policy parser accepts inside a path block (hashicorp/vault vault/policy.go); only the first two
    // change what the double allows.
    private static readonly HashSet<string> IgnoredPathKeys = new(StringComparer.Ordinal)
    {
        "allowed_parameters", "denied_parameters", "required_parameters", "min_wrapping_ttl", "max_wrapping_ttl",
        "control_group", "mfa_methods", "subscribe_event_types",
    };

    private readonly List<HclToken> _tokens;
    private readonly string _sourceName;
    private int _index;

    private HclPolicyParser(List<HclToken> tokens, string sourceName)
    {
        _tokens = tokens;
        _sourceName = sourceName;
    }

    private HclToken Current => _tokens[_index];

    /// <summary>Parses <paramref name="hcl"/> into a policy named <paramref name="name"/>.</summary>
    /// <param name="name">The policy name (already normalised by the caller).</param>
    /// <param name="hcl">The policy text.</param>
    /// <param name="sourceName">What error messages call the source (a file path); defaults to the policy name.</param>
    /// <exception cref="FormatException">The text is not a valid policy; the message has the line and column.</exception>
    public static AclPolicy Parse(string name, string hcl, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(hcl);
        var source = sourceName ?? $"policy \"{name}\"";
        var parser = new HclPolicyParser(new HclTokenizer(hcl, source).Tokenize(), source);
        return new AclPolicy(name, parser.ParseFile(), hcl);
    }

    private List<PathRule> ParseFile()
    {
        var rules = new List<PathRule>();
        while (Current.Kind != HclTokenKind.End)
        {
            var key = Expect(HclTokenKind.Identifier, "a top-level key ('path')");
            switch (key.Text)
            {
                case "path":
                    rules.Add(ParsePathBlock(key));
                    break;
                case "name":
                    // Vault tolerates a top-level name = "..." and ignores it; the file name is the policy name.
                    ExpectAssignment();
                    SkipValue();
                    break;
                default:
                    throw Error(key, $"unknown top-level key '{key.Text}': a Vault policy holds only path \"...\" {{ }} blocks");
            }
        }

        return rules;
    }

    private PathRule ParsePathBlock(HclToken pathKeyword)
    {
        var patternToken = Expect(HclTokenKind.String, "the quoted path pattern after 'path'");
        PolicyPathPattern pattern;
        try
        {
            pattern = PolicyPathPattern.Parse(patternToken.Text);
        }
        catch (FormatException ex)
        {
            throw Error(patternToken, ex.Message);
        }

        if (Current.Kind == HclTokenKind.Equals)
        {
            _index++; // HCL1 also accepts path "x" = { ... }
        }

        Expect(HclTokenKind.OpenBrace, $"'{{' to open the block of path \"{patternToken.Text}\"");
        Capabilities? capabilities = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (Current.Kind != HclTokenKind.CloseBrace)
        {
            var key = Expect(HclTokenKind.Identifier, $"a key inside path \"{patternToken.Text}\" or '}}'");
            if (!seen.Add(key.Text))
            {
                throw Error(key, $"duplicate key '{key.Text}' in path \"{patternToken.Text}\"");
            }

            if (key.Text == "capabilities")
            {
                ExpectAssignment();
                capabilities = (capabilities ?? Capabilities.None) | ParseCapabilityList(patternToken.Text);
            }
            else if (key.Text == "policy")
            {
                ExpectAssignment();
                var value = Expect(HclTokenKind.String, "a quoted legacy policy (\"deny\", \"read\", \"write\" or \"sudo\")");
                if (!CapabilityNames.TryParseLegacyPolicy(value.Text, out var legacy))
                {
                    throw Error(value, $"path \"{patternToken.Text}\": invalid policy \"{value.Text}\"");
                }

                capabilities = (capabilities ?? Capabilities.None) | legacy;
            }
            else if (IgnoredPathKeys.Contains(key.Text))
            {
                if (Current.Kind is HclTokenKind.Equals or HclTokenKind.Colon)
                {
                    _index++;
                }

                SkipValue();
            }
            else
            {
                throw Error(key, $"invalid key '{key.Text}' in path \"{patternToken.Text}\"");
            }

            SkipOptionalComma();
        }

        _index++; // '}'
        var granted = capabilities ?? Capabilities.None;
        if ((granted & Capabilities.Deny) != 0)
        {
            granted = Capabilities.Deny; // deny overrides everything else in the block, as in Vault
        }

        return new PathRule(pattern, granted, pathKeyword.Line);
    }

    private Capabilities ParseCapabilityList(string pattern)
    {
        Expect(HclTokenKind.OpenBracket, "'[' to start the capability list");
        var capabilities = Capabilities.None;
        while (Current.Kind != HclTokenKind.CloseBracket)
        {
            var name = Expect(HclTokenKind.String, "a quoted capability or ']'");
            if (!CapabilityNames.TryParse(name.Text, out var capability))
            {
                throw Error(name, $"path \"{pattern}\": invalid capability \"{name.Text}\" (valid: create, read, update, patch, delete, list, sudo, deny, subscribe, recover)");
            }

            capabilities |= capability;
            if (Current.Kind == HclTokenKind.Comma)
            {
                _index++;
            }
            else if (Current.Kind != HclTokenKind.CloseBracket)
            {
                throw Error(Current, $"expected ',' or ']' in the capability list, found {Current.Describe()}");
            }
        }

        _index++; // ']'
        return capabilities;
    }

    /// <summary>Skips any HCL value: string, number, identifier (true/false), list, or object with nested blocks.</summary>
    private void SkipValue()
    {
        var token = Current;
        switch (token.Kind)
        {
            case HclTokenKind.String:
            case HclTokenKind.Number:
            case HclTokenKind.Identifier:
                _index++;
                return;
            case HclTokenKind.OpenBracket:
                _index++;
                while (Current.Kind != HclTokenKind.CloseBracket)
                {
                    SkipValue();
                    SkipOptionalComma();
                }

                _index++;
                return;
            case HclTokenKind.OpenBrace:
                _index++;
                while (Current.Kind != HclTokenKind.CloseBrace)
                {
                    if (Current.Kind is not (HclTokenKind.Identifier or HclTokenKind.String))
                    {
                        throw Error(Current, $"expected a key or '}}', found {Current.Describe()}");
                    }

                    _index++;
                    while (Current.Kind == HclTokenKind.String)
                    {
                        _index++; // block labels: factor "name" { ... }
                    }

                    if (Current.Kind is HclTokenKind.Equals or HclTokenKind.Colon)
                    {
                        _index++;
                    }

                    SkipValue();
                    SkipOptionalComma();
                }

                _index++;
                return;
            default:
                throw Error(token, $"expected a value, found {token.Describe()}");
        }
    }

    private void ExpectAssignment()
    {
        if (Current.Kind is not (HclTokenKind.Equals or HclTokenKind.Colon))
        {
            throw Error(Current, $"expected '=', found {Current.Describe()}");
        }

        _index++;
    }

    private void SkipOptionalComma()
    {
        if (Current.Kind == HclTokenKind.Comma)
        {
            _index++;
        }
    }

    private HclToken Expect(HclTokenKind kind, string what)
    {
        var token = Current;
        if (token.Kind != kind)
        {
            throw Error(token, $"expected {what}, found {token.Describe()}");
        }

        _index++;
        return token;
    }

    private FormatException Error(HclToken at, string message) => HclErrors.At(_sourceName, at.Line, at.Column, message);
}
