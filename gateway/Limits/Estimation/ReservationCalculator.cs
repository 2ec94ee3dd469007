namespace AiGateway.Limits.Estimation;

/// <summary>
/// Tokens to reserve before forwarding (OpenAI cookbook <c>api_request_parallel_processor.py</c>, WIRE-FACTS B.6):
/// the prompt estimate plus, for chat and completions, every requested completion at its output cap; embeddings
/// charge only their input. Computed in <see cref="long"/> so that no body can overflow it.
/// </summary>
public static class ReservationCalculator
{
    /// <summary>Estimates <paramref name="requestBody"/> with <paramref name="estimator"/> (one pass) and reserves for it.</summary>
    /// <param name="estimator">The estimator chosen for the model (<see cref="PromptEstimatorSelector.Select"/>).</param>
    /// <param name="requestBody">The raw, validated JSON request body.</param>
    /// <param name="shape">Which endpoint the body is for.</param>
    /// <param name="maxTokens">The output cap per completion: the request's <c>max_tokens</c>/<c>max_completion_tokens</c>, or the policy default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTokens"/> is negative.</exception>
    public static long Calculate(IPromptEstimator estimator, ReadOnlySpan<byte> requestBody, PromptShape shape, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return Calculate(estimator.Estimate(requestBody, shape), shape, maxTokens);
    }

    /// <summary>
    /// <c>PromptTokens + Choices × maxTokens</c> for chat and completions (at least one choice);
    /// <c>PromptTokens</c> for embeddings.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTokens"/> is negative.</exception>
    public static long Calculate(PromptEstimate estimate, PromptShape shape, int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokens);
        long prompt = Math.Max(estimate.PromptTokens, 0);
        if (shape == PromptShape.Embeddings)
        {
            return prompt;
        }

        // Both factors are at most int.MaxValue, so the product and the sum stay far below long.MaxValue.
        long choices = Math.Max(estimate.Choices, 1);
        return prompt + choices * maxTokens;
    }
}
