namespace AiGateway.Limits.Estimation;

/// <summary>The two prompt estimators the gateway can reserve with.</summary>
public enum PromptEstimatorKind
{
    /// <summary>
    /// <see cref="FastPromptEstimator"/>: no tokenizer, a per-byte heuristic calibrated against o200k_base.
    /// Costs about 2 µs per KiB of body (mostly reading the JSON) and allocates nothing; over-reserves by about
    /// 10 % on typical traffic (loadtests/results/estimator.md).
    /// </summary>
    Fast,

    /// <summary>
    /// <see cref="ExactPromptEstimator"/>: the OpenAI cookbook rule with the model's tiktoken encoding.
    /// Exact for OpenAI models, but costs 0.6–0.9 µs per prompt token (milliseconds for a RAG prompt).
    /// </summary>
    Exact,
}
