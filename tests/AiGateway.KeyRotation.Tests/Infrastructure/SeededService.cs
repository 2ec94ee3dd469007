namespace AiGateway.KeyRotation.Tests.Infrastructure;

/// <summary>A service whose secret the test wrote: its live provider key (value and id) and the Vault version.</summary>
internal sealed record SeededService(string Service, string ApiKey, string KeyId, int Version)
{
    public string Path => "creds/" + Service;
}
