namespace AiGateway.UpstreamSimulator;

/// <summary>Checks options before the host starts, reporting every problem at once.</summary>
internal static class SimulatorOptionsValidator
{
    public static void ThrowIfInvalid(SimulatorOptions options)
    {
        var errors = new List<string>();
        if (options.Keys is null || options.Keys.Exists(string.IsNullOrWhiteSpace))
        {
            errors.Add("Simulator:Keys must be a list of non-empty keys.");
        }

        if (string.IsNullOrWhiteSpace(options.AdminKey))
        {
            errors.Add("Simulator:AdminKey must be set.");
        }
        else if (options.Keys?.Contains(options.AdminKey) == true)
        {
            errors.Add("Simulator:AdminKey must differ from every upstream key in Simulator:Keys.");
        }

        if (options.Models is null || options.Models.Count == 0 || options.Models.Exists(string.IsNullOrWhiteSpace))
        {
            errors.Add("Simulator:Models must list at least one model id.");
        }

        AddIfNegative(errors, nameof(options.LatencyMs), options.LatencyMs);
        AddIfNegative(errors, nameof(options.TimeToFirstTokenMs), options.TimeToFirstTokenMs);
        AddIfNegative(errors, nameof(options.InterChunkDelayMs), options.InterChunkDelayMs);
        AddIfNegative(errors, nameof(options.OutputTokens), options.OutputTokens);
        if (options.EmbeddingDimensions is < 1 or > 8192)
        {
            errors.Add("Simulator:EmbeddingDimensions must be between 1 and 8192.");
        }

        if (options.MaxRecordedEntries < 1)
        {
            errors.Add("Simulator:MaxRecordedEntries must be at least 1.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid upstream simulator options: " + string.Join(" ", errors));
        }
    }

    private static void AddIfNegative(List<string> errors, string name, int value)
    {
        if (value < 0)
        {
            errors.Add($"Simulator:{name} must not be negative.");
        }
    }
}
