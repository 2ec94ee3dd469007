namespace AiGateway.LoadTests;

/// <summary>Keys of <see cref="ScenarioResult.ErrorsByClass"/> besides status codes.</summary>
public static class ErrorClasses
{
    /// <summary>Connection or I/O failure.</summary>
    public const string Transport = "transport";

    /// <summary>Request timeout, or still in flight when the grace period ended.</summary>
    public const string Timeout = "timeout";

    /// <summary>Success status, but the stream ended without <c>data: [DONE]</c>.</summary>
    public const string IncompleteStream = "incomplete_stream";

    /// <summary>The step threw something other than an I/O failure.</summary>
    public const string Exception = "exception";
}
