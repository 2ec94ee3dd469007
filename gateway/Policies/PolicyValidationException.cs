namespace AiGateway.Policies;

/// <summary>Every problem found in the policy files, each naming the file and the field to fix.</summary>
public sealed class PolicyValidationException : Exception
{
    public PolicyValidationException(IReadOnlyList<string> errors)
        : base("The policy files are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
    {
        Errors = errors;
    }

    public PolicyValidationException()
        : this(Array.Empty<string>())
    {
    }

    public PolicyValidationException(string message)
        : this([message])
    {
    }

    public PolicyValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; } = [];
}
