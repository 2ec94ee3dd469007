namespace AiGateway.Limits.Estimation;

/// <summary>
/// Which prompt estimator reserves tokens for which model (section <c>Limits:Estimator</c>). Read once at
/// startup by <see cref="PromptEstimatorSelector"/>.
/// </summary>
/// <example>
/// <code>
/// "Limits": { "Estimator": { "Default": "Fast", "Exact": [ "gpt-*", "o1*", "o3*", "o4*", "text-embedding-*" ] } }
/// </code>
/// </example>
public sealed class PromptEstimatorOptions
{
    public const string SectionName = "Limits:Estimator";

    /// <summary>
    /// The estimator for models that no <see cref="Exact"/> pattern matches: <c>Fast</c> or <c>Exact</c>.
    /// Default <c>Fast</c>. With <c>Exact</c> every model is counted with a tokenizer and <see cref="Exact"/> is moot.
    /// </summary>
    public PromptEstimatorKind Default { get; set; } = PromptEstimatorKind.Fast;

    /// <summary>
    /// Model-name patterns counted with <see cref="PromptEstimatorKind.Exact"/> whatever <see cref="Default"/> says.
    /// Exact names or <c>*</c> globs, case-sensitive, as in team allowlists (for example <c>gpt-*</c>). Default empty.
    /// Only OpenAI models have a matching tokenizer; for any other model the exact estimator counts with o200k_base,
    /// which is no more exact than the fast one.
    /// </summary>
    public IList<string> Exact { get; set; } = [];
}
