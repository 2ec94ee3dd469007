using AiGateway.Policies;

namespace AiGateway.Spend.Pricing;

/// <summary>
/// Compiled prices: exact model names first, then globs in file order, then the configured default. A
/// model none of them covers is unpriced, and requests for it are refused: never silently free.
/// </summary>
public sealed class PriceTable
{
    private readonly Dictionary<string, ModelPrice> _exact;
    private readonly (ModelMatcher Matcher, ModelPrice Price)[] _globs;
    private readonly ModelPrice? _default;

    public PriceTable(IEnumerable<KeyValuePair<string, ModelPrice>> models, ModelPrice? defaultPrice)
    {
        ArgumentNullException.ThrowIfNull(models);
        _exact = new(StringComparer.Ordinal);
        var globs = new List<(ModelMatcher, ModelPrice)>();
        Entries = [.. models];
        foreach (var (model, price) in Entries)
        {
            if (model.Contains('*', StringComparison.Ordinal))
            {
                globs.Add((new ModelMatcher([model]), price));
            }
            else
            {
                _exact[model] = price;
            }
        }
        _globs = [.. globs];
        _default = defaultPrice;
    }

    /// <summary>An empty table with no default: every model unpriced.</summary>
    public static PriceTable Empty { get; } = new([], null);

    /// <summary>The entries as configured (for the admin API).</summary>
    public IReadOnlyList<KeyValuePair<string, ModelPrice>> Entries { get; }

    public ModelPrice? Default => _default;

    public bool TryGet(string model, out ModelPrice price)
    {
        if (_exact.TryGetValue(model, out price))
        {
            return true;
        }
        foreach (var (matcher, globPrice) in _globs)
        {
            if (matcher.IsAllowed(model))
            {
                price = globPrice;
                return true;
            }
        }
        if (_default is { } fallback)
        {
            price = fallback;
            return true;
        }
        return false;
    }
}
