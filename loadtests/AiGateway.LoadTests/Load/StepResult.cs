namespace AiGateway.LoadTests;

/// <summary>
/// What a step reports about one request. The runner adds the timing; the step adds what only it can see
/// (status, first streamed token, completion tokens, an optional scenario-specific counter).
/// </summary>
public readonly record struct StepResult
{
    /// <summary>How the request ended.</summary>
    public StepOutcome Outcome { get; init; }

    /// <summary>HTTP status code, or 0 when no response arrived.</summary>
    public int StatusCode { get; init; }

    /// <summary>True for a success response that was an event stream.</summary>
    public bool IsStream { get; init; }

    /// <summary>True when the stream ended with <c>data: [DONE]</c>.</summary>
    public bool StreamCompleted { get; init; }

    /// <summary>True when <see cref="FirstTokenTimestamp"/> is set.</summary>
    public bool HasFirstToken { get; init; }

    /// <summary>Timestamp (from <see cref="ScenarioContext.Clock"/>) of the first chunk carrying content.</summary>
    public long FirstTokenTimestamp { get; init; }

    /// <summary>Completion tokens from the response's usage object, or -1 when it carried none.</summary>
    public long CompletionTokens { get; init; }

    /// <summary>Optional scenario-specific counter to add <see cref="CounterValue"/> to (e.g. "cache_hit").</summary>
    public string? CounterName { get; init; }

    /// <summary>Amount added to <see cref="CounterName"/>.</summary>
    public long CounterValue { get; init; }

    /// <summary>A success.</summary>
    public static StepResult Ok(int statusCode = 200) => new() { Outcome = StepOutcome.Ok, StatusCode = statusCode, CompletionTokens = -1 };

    /// <summary>A non-success status code.</summary>
    public static StepResult HttpError(int statusCode) =>
        new() { Outcome = StepOutcome.HttpError, StatusCode = statusCode, CompletionTokens = -1 };

    /// <summary>A request that ended with <paramref name="outcome"/> and no response.</summary>
    public static StepResult Failed(StepOutcome outcome) => new() { Outcome = outcome, CompletionTokens = -1 };

    /// <summary>This result with <paramref name="value"/> added to the counter <paramref name="name"/>.</summary>
    public StepResult WithCounter(string name, long value = 1) => this with { CounterName = name, CounterValue = value };
}
