using System.Text.Json;

namespace AiGateway.Policies;

/// <summary>Reads <c>teams/*.json</c> under the policy folder and compiles them, collecting every error.</summary>
public static class PolicyLoader
{
    public const string TeamsFolder = "teams";

    /// <exception cref="PolicyValidationException">Any file is unreadable, malformed or invalid.</exception>
    public static PolicySnapshot Load(string policiesPath, int version, DateTimeOffset now)
    {
        policiesPath = Path.GetFullPath(policiesPath);
        var teamsPath = Path.Combine(policiesPath, TeamsFolder);
        if (!Directory.Exists(teamsPath))
        {
            throw new PolicyValidationException([$"{teamsPath}: folder not found. Set Policies:Path to the folder that contains '{TeamsFolder}/'."]);
        }

        var errors = new List<string>();
        var policies = new List<TeamPolicy>();
        foreach (var file in Directory.EnumerateFiles(teamsPath, "*.json").Order(StringComparer.Ordinal))
        {
            var display = Path.GetRelativePath(Path.GetDirectoryName(policiesPath.TrimEnd('/', '\\')) ?? policiesPath, file);
            var document = Parse(file, display, errors);
            if (document is not null && TeamPolicyValidator.Compile(document, display, errors) is { } policy)
            {
                policies.Add(policy);
            }
        }

        foreach (var duplicate in policies.GroupBy(p => p.Team, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"team \"{duplicate.Key}\" is defined in more than one file: {string.Join(", ", duplicate.Select(p => p.SourceFile))}.");
        }
        if (errors.Count == 0 && policies.Count == 0)
        {
            errors.Add($"{teamsPath}: no team policy files (*.json). Add at least one team.");
        }
        var prices = Spend.Pricing.PricingLoader.Load(policiesPath, errors);
        if (errors.Count == 0)
        {
            // A model a team may use by exact name must have a price; globs are checked per request.
            foreach (var policy in policies)
            {
                foreach (var model in policy.ModelPatterns)
                {
                    if (!model.Contains('*', StringComparison.Ordinal) && !prices.TryGet(model, out _))
                    {
                        errors.Add($"{policy.SourceFile}: 'models' allows \"{model}\", which has no price in {Spend.Pricing.PricingLoader.FileName}. Add its USD per 1M input/output tokens there.");
                    }
                }
            }
        }
        if (errors.Count > 0)
        {
            throw new PolicyValidationException(errors);
        }
        return new PolicySnapshot(policies, version, now, prices);
    }

    private static TeamPolicyDocument? Parse(string file, string display, List<string> errors)
    {
        try
        {
            using var stream = File.OpenRead(file);
            var document = JsonSerializer.Deserialize(stream, PolicyJsonContext.Default.TeamPolicyDocument);
            if (document is null)
            {
                errors.Add($"{display}: the file must hold a JSON object.");
            }
            return document;
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } path ? $"'{path.TrimStart('$', '.')}'" : "the file";
            errors.Add($"{display}: {where} is not valid: {ex.Message}");
            return null;
        }
        catch (IOException ex)
        {
            errors.Add($"{display}: cannot be read: {ex.Message}");
            return null;
        }
    }
}
