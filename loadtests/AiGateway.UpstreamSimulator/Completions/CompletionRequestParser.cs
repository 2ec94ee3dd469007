using System.Diagnostics.CodeAnalysis;

namespace AiGateway.UpstreamSimulator;

/// <summary>Signature shared by <see cref="ChatRequestParser"/> and <see cref="TextCompletionRequestParser"/>.</summary>
internal delegate bool CompletionRequestParser(
    byte[] body,
    [NotNullWhen(true)] out CompletionRequest? request,
    [NotNullWhen(false)] out OpenAiError? error);
