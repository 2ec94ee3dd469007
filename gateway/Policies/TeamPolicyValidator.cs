using System.Text.RegularExpressions;

namespace AiGateway.Policies;

/// <summary>
/// Checks one team policy document and compiles it. Shared by start-up, reload and the admin API, so a
/// policy that validates is exactly a policy that runs.
/// </summary>
internal static partial class TeamPolicyValidator
{
    /// <summary>Output cap when a policy names none: generous for chat, and still a bound.</summary>
    public const int DefaultMaxTokens = 1024;

    public const int DefaultMaximumMaxTokens = 16384;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex TeamName();

    [GeneratedRegex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")]
    private static partial Regex KeyReference();

    public static TeamPolicy? Compile(TeamPolicyDocument document, string file, List<string> errors)
    {
        var before = errors.Count;
        void Error(string field, string problem) => errors.Add($"{file}: '{field}' {problem}");

        if (string.IsNullOrWhiteSpace(document.Team))
        {
            Error("team", "is required (lower-case letters, digits and '-', e.g. \"rag\").");
        }
        else if (!TeamName().IsMatch(document.Team))
        {
            Error("team", $"is \"{document.Team}\"; use 1-63 lower-case letters, digits and '-', starting with a letter or digit.");
        }

        if (document.Models is not { Count: > 0 })
        {
            Error("models", "must list at least one model name or glob (e.g. [\"deepseek-v3.2\", \"gemini-*\"]).");
        }
        else
        {
            for (var i = 0; i < document.Models.Count; i++)
            {
                var model = document.Models[i];
                if (string.IsNullOrWhiteSpace(model) || model.Length > 200 || model.Any(char.IsControl))
                {
                    Error($"models[{i}]", "must be a non-empty model name or glob of at most 200 characters.");
                }
            }
        }

        var endpoints = GatewayEndpoint.None;
        if (document.Endpoints is not { Count: > 0 })
        {
            Error("endpoints", $"must list at least one of: {string.Join(", ", GatewayEndpointNames.All)}.");
        }
        else
        {
            for (var i = 0; i < document.Endpoints.Count; i++)
            {
                if (GatewayEndpointNames.TryParse(document.Endpoints[i] ?? "", out var endpoint))
                {
                    endpoints |= endpoint;
                }
                else
                {
                    Error($"endpoints[{i}]", $"is \"{document.Endpoints[i]}\"; allowed values are: {string.Join(", ", GatewayEndpointNames.All)}.");
                }
            }
        }

        if (string.IsNullOrWhiteSpace(document.UpstreamKey))
        {
            Error("upstreamKey", "is required: the path of the team's upstream key, e.g. \"creds/rag-production\".");
        }
        else if (!KeyReference().IsMatch(document.UpstreamKey) || document.UpstreamKey.Split('/').Contains(".."))
        {
            Error("upstreamKey", $"is \"{document.UpstreamKey}\"; use a relative path of letters, digits, '_', '-', '.' separated by '/'.");
        }

        var limits = document.Limits;
        CheckLimit("limits.tpm", limits?.Tpm);
        CheckLimit("limits.rpm", limits?.Rpm);
        CheckLimit("limits.token.tpm", limits?.Token?.Tpm);
        CheckLimit("limits.token.rpm", limits?.Token?.Rpm);
        void CheckLimit(string field, long? value)
        {
            if (value is < 0 or > 1_000_000_000_000)
            {
                Error(field, $"is {value}; use 0 (no limit) up to 1000000000000.");
            }
        }

        var maxTokens = document.MaxTokens;
        var defaultMax = maxTokens?.Default ?? DefaultMaxTokens;
        var maximum = maxTokens?.Maximum ?? Math.Max(DefaultMaximumMaxTokens, defaultMax);
        if (defaultMax is < 1 or > 1_000_000)
        {
            Error("maxTokens.default", $"is {defaultMax}; use 1 to 1000000.");
        }
        if (maximum < defaultMax || maximum > 1_000_000)
        {
            Error("maxTokens.maximum", $"is {maximum}; it must be at least maxTokens.default ({defaultMax}) and at most 1000000.");
        }
        var overMaximum = maxTokens?.OverMaximum ?? "reject";
        if (overMaximum is not ("reject" or "clamp"))
        {
            Error("maxTokens.overMaximum", $"is \"{overMaximum}\"; use \"reject\" (400) or \"clamp\".");
        }

        var spend = Spend.SpendPolicyCompiler.Compile(document.Budget, document.Breaker, Error);

        if (errors.Count != before)
        {
            return null;
        }
        return new TeamPolicy
        {
            Team = document.Team!,
            Description = document.Description,
            ModelPatterns = [.. document.Models!],
            Models = new ModelMatcher(document.Models!),
            Endpoints = endpoints,
            UpstreamKey = document.UpstreamKey!,
            TeamLimits = new Limits.LimitSpec(limits?.Tpm ?? 0, limits?.Rpm ?? 0),
            TokenLimits = new Limits.LimitSpec(limits?.Token?.Tpm ?? 0, limits?.Token?.Rpm ?? 0),
            DefaultMaxTokens = defaultMax,
            MaximumMaxTokens = maximum,
            ClampOverMaximum = overMaximum == "clamp",
            Spend = spend,
            SourceFile = file,
        };
    }
}
