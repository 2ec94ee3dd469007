namespace AiGateway.Limits;

/// <summary>Why a request was refused; the names are OpenAI's 429 <c>type</c> values.</summary>
public enum LimitDimension
{
    None,
    /// <summary>Requests per minute.</summary>
    Requests,
    /// <summary>Tokens per minute.</summary>
    Tokens,
    /// <summary>The request alone is larger than the tokens-per-minute limit: retrying cannot help.</summary>
    TokensTooLarge,
}
