namespace AiGateway.LoadTests;

/// <summary>How one request ended. Everything except <see cref="Ok"/> counts as an error.</summary>
public enum StepOutcome
{
    /// <summary>A success response read to the end (for a stream: up to <c>data: [DONE]</c>).</summary>
    Ok,

    /// <summary>A response with a non-success status code; grouped by that code in reports.</summary>
    HttpError,

    /// <summary>Connection refused or reset, malformed response, or another I/O failure.</summary>
    Transport,

    /// <summary>The request timed out, or was still running when the run's grace period ended.</summary>
    Timeout,

    /// <summary>A success status whose event stream ended without <c>data: [DONE]</c>.</summary>
    IncompleteStream,

    /// <summary>The step threw something that is not an I/O failure (a bug in the step).</summary>
    Exception,
}
