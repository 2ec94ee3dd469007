namespace AiGateway.Limits.Estimation;

/// <summary>
/// Estimates the prompt tokens of a raw, already validated OpenAI request body before it is forwarded, so
/// tokens-per-minute can be reserved (WIRE-FACTS B.6). Implementations read the body with one forward pass of
/// <see cref="System.Text.Json.Utf8JsonReader"/>, are thread-safe and never throw for a malformed body: they fall
/// back to a size-based over-estimate instead.
/// </summary>
public interface IPromptEstimator
{
    /// <summary>The estimated prompt tokens of <paramref name="requestBody"/>.</summary>
    int EstimatePromptTokens(ReadOnlySpan<byte> requestBody, PromptShape shape);

    /// <summary>
    /// The estimated prompt tokens and the number of completions requested, read in the same single pass
    /// (what <see cref="ReservationCalculator"/> needs).
    /// </summary>
    PromptEstimate Estimate(ReadOnlySpan<byte> requestBody, PromptShape shape);
}
