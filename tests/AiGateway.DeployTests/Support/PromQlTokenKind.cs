namespace AiGateway.DeployTests.Support;

internal enum PromQlTokenKind
{
    /// <summary>Metric, label, function or keyword name (may contain ':').</summary>
    Identifier,

    /// <summary>Number or duration literal.</summary>
    Number,

    /// <summary>Quoted string, unquoted.</summary>
    String,

    /// <summary>A whole <c>[...]</c> range or subquery, contents not interpreted.</summary>
    Range,

    /// <summary>Operator or bracket.</summary>
    Punctuation,
}
