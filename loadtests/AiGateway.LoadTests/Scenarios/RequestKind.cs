namespace AiGateway.LoadTests;

/// <summary>The built-in OpenAI request kinds.</summary>
public enum RequestKind
{
    /// <summary><c>POST chat/completions</c>, non-streaming. CLI name <c>chat</c>.</summary>
    Chat,

    /// <summary><c>POST chat/completions</c> with <c>stream: true</c> and <c>stream_options.include_usage</c>. CLI name <c>stream</c>.</summary>
    ChatStream,

    /// <summary><c>POST embeddings</c>. CLI name <c>embeddings</c>.</summary>
    Embeddings,
}
