using System.Text.Json.Serialization;

namespace AiGateway.Policies;

/// <summary>One file in <c>policies/teams/</c>, as written by people. Compiled into a <see cref="TeamPolicy"/>.</summary>
public sealed class TeamPolicyDocument
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    [JsonPropertyName("_doc")]
    public string? Doc { get; set; }

    public string? Team { get; set; }

    public string? Description { get; set; }

    /// <summary>Exact model names and <c>*</c> globs.</summary>
    public List<string>? Models { get; set; }

    /// <summary>Endpoint names: chat, completions, embeddings, models.</summary>
    public List<string>? Endpoints { get; set; }

    /// <summary>Reference of the team's upstream key (a Vault KV path such as <c>creds/rag-production</c>).</summary>
    public string? UpstreamKey { get; set; }

    /// <summary>Tokens and requests per minute for the team, and the default per-token limits.</summary>
    public LimitsDocument? Limits { get; set; }

    /// <summary>Output caps: the default written into requests without one, and the maximum.</summary>
    public MaxTokensDocument? MaxTokens { get; set; }

    /// <summary>Monthly spend caps (hard) and the alert threshold (soft).</summary>
    public BudgetDocument? Budget { get; set; }

    /// <summary>Spend-velocity breakers: the most a token or the team may spend per window before it is suspended.</summary>
    public BreakerDocument? Breaker { get; set; }
}

/// <summary><c>budget</c>: USD per calendar month (UTC); absent or 0 means no cap.</summary>
public sealed class BudgetDocument
{
    public decimal? MonthlyUsd { get; set; }

    /// <summary>Per-token monthly cap, the same for every token of the team.</summary>
    public decimal? TokenMonthlyUsd { get; set; }

    /// <summary>Percent of a cap at which the soft alert fires (metric and audit record); default 80.</summary>
    public int? AlertPercent { get; set; }
}

/// <summary><c>breaker</c>.</summary>
public sealed class BreakerDocument
{
    public VelocityDocument? Token { get; set; }

    public VelocityDocument? Team { get; set; }
}

/// <summary>At most <see cref="MaxUsd"/> per <see cref="Window"/> (e.g. "5m").</summary>
public sealed class VelocityDocument
{
    public decimal? MaxUsd { get; set; }

    public string? Window { get; set; }
}

/// <summary><c>limits</c>: 0 or absent means no limit.</summary>
public sealed class LimitsDocument
{
    public long? Tpm { get; set; }
    public long? Rpm { get; set; }

    /// <summary>Limits every token of the team gets on its own (tighter than the team's).</summary>
    public TokenLimitsDocument? Token { get; set; }
}

/// <summary><c>limits.token</c>.</summary>
public sealed class TokenLimitsDocument
{
    public long? Tpm { get; set; }
    public long? Rpm { get; set; }
}

/// <summary><c>maxTokens</c>.</summary>
public sealed class MaxTokensDocument
{
    public int? Default { get; set; }
    public int? Maximum { get; set; }

    /// <summary><c>reject</c> (400) or <c>clamp</c> (lower it to the maximum) for requests asking more.</summary>
    public string? OverMaximum { get; set; }
}
