using AiGateway.Policies;
using Microsoft.Extensions.Options;

namespace AiGateway.Limits.Estimation;

/// <summary>
/// Picks the prompt estimator for a model from <see cref="PromptEstimatorOptions"/>, compiled once at construction.
/// <see cref="Select"/> allocates nothing; the returned estimators are shared singletons and thread-safe.
/// </summary>
public sealed class PromptEstimatorSelector
{
    private readonly bool _exactByDefault;
    private readonly ModelMatcher _exactModels;
    private readonly bool _anyExact;

    public PromptEstimatorSelector(IOptions<PromptEstimatorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _exactByDefault = value.Default == PromptEstimatorKind.Exact;
        _exactModels = new ModelMatcher(value.Exact ?? []);
        _anyExact = _exactByDefault || value.Exact is { Count: > 0 };
    }

    /// <summary>The estimator for <paramref name="model"/>: exact (with the model's encoding) or fast.</summary>
    public IPromptEstimator Select(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return _exactByDefault || _exactModels.IsAllowed(model)
            ? ExactPromptEstimator.ForModel(model)
            : FastPromptEstimator.Instance;
    }

    /// <summary>
    /// Loads the tokenizer vocabularies now if any model can use the exact estimator, so the first request does not
    /// pay for it: o200k_base takes about 0.7 s and 40 MiB, cl100k_base 0.4 s and 20 MiB. Call once at startup;
    /// safe to call again. Without it each vocabulary loads on its first request.
    /// </summary>
    public void WarmUp()
    {
        if (_anyExact)
        {
            SharedTokenizers.Get(TiktokenEncoding.O200kBase);
            SharedTokenizers.Get(TiktokenEncoding.Cl100kBase);
        }
    }
}
