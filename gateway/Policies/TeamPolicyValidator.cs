using System.Text.RegularExpressions;

namespace AiGateway.Policies;

/// <summary>
/// Checks one team policy document and compiles it. Shared by start-up, reload and the admin API, so a
/// policy that validates is exactly a policy that runs.
/// </summary>
internal static partial class TeamPolicyValidator
{
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
            SourceFile = file,
        };
    }
}
