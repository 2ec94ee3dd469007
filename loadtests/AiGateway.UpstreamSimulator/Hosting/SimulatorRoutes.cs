namespace AiGateway.UpstreamSimulator;

/// <summary>Route prefixes the pipeline branches on.</summary>
internal static class SimulatorRoutes
{
    public const string ApiPrefix = "/v1";
    public const string KeysPath = "/v1/keys";
    public const string InspectionPrefix = "/_sim";
}
