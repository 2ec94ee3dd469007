namespace AiGateway.VaultDouble;

/// <summary>The request body, read once by the recorder and reused by the endpoint.</summary>
internal sealed class RequestBodyFeature(byte[] body)
{
    public byte[] Body { get; } = body;
}
