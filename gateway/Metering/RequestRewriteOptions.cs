namespace AiGateway.Metering;

/// <summary>What <see cref="RequestBodyRewriter"/> should enforce on a request body.</summary>
/// <param name="MaxTokens">
/// The output cap to enforce, or null to leave caps alone: inserted when the body sets none (a
/// <c>null</c> value counts as none and is replaced in place), and written over every
/// <c>max_tokens</c>/<c>max_completion_tokens</c> value larger than it. Smaller values stay.
/// </param>
/// <param name="EnsureStreamUsage">For <c>stream: true</c>, make sure <c>stream_options.include_usage</c> is true.</param>
/// <param name="InsertAs">The key used when a cap has to be inserted.</param>
internal readonly record struct RequestRewriteOptions(int? MaxTokens, bool EnsureStreamUsage, OutputCapField InsertAs = OutputCapField.MaxTokens);
