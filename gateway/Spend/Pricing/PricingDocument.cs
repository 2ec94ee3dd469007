namespace AiGateway.Spend.Pricing;

/// <summary><c>policies/pricing.json</c> as written by people; compiled into a <see cref="PriceTable"/>.</summary>
public sealed class PricingDocument
{
    [System.Text.Json.Serialization.JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("_doc")]
    public string? Doc { get; set; }

    /// <summary>Only "USD" is supported; present so a file in another currency is refused, not misread.</summary>
    public string? Currency { get; set; }

    /// <summary>Model name (exact, or a glob with <c>*</c>) to its prices.</summary>
    public Dictionary<string, PriceDocument>? Models { get; set; }

    /// <summary><c>refuse</c> (default): requests for an unpriced model get 403; <c>default</c>: charge <see cref="Default"/>.</summary>
    public string? Unpriced { get; set; }

    /// <summary>The price charged for models the table does not name, when <see cref="Unpriced"/> is <c>default</c>.</summary>
    public PriceDocument? Default { get; set; }
}

/// <summary>USD per one million tokens, as decimals (converted exactly to micro-dollars).</summary>
public sealed class PriceDocument
{
    public decimal? InputPerMillion { get; set; }

    public decimal? OutputPerMillion { get; set; }
}
