namespace AiGateway.VaultDouble;

/// <summary>One HCL token; <see cref="Text"/> is the unescaped value for strings.</summary>
internal readonly record struct HclToken(HclTokenKind Kind, string Text, int Line, int Column)
{
    public string Describe() => Kind switch
    {
        HclTokenKind.End => "end of file",
        HclTokenKind.String => $"string \"{Text}\"",
        _ => $"'{Text}'",
    };
}
