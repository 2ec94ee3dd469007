namespace AiGateway.Errors;

/// <summary>
/// Request feature recording the error the gateway answered with, set by <see cref="ErrorResponseWriter"/> so
/// telemetry can count the rejection by its reason without parsing the body it wrote.
/// </summary>
public sealed class GatewayErrorFeature
{
    public GatewayErrorFeature(GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public GatewayError Error { get; }

    /// <summary>The error's <c>code</c>, or its <c>type</c> when it has no code: what dashboards group rejections by.</summary>
    public string Reason => Error.Code ?? Error.Type;
}
