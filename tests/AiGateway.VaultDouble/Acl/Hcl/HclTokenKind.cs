namespace AiGateway.VaultDouble;

/// <summary>Token kinds of the HCL subset Vault policies use.</summary>
internal enum HclTokenKind
{
    Identifier,
    String,
    Number,
    Equals,
    Colon,
    Comma,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    End,
}
